use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = watchdesk::cli::Cli::parse();
    match watchdesk::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "watchdesk: {}",
                watchdesk::safe::for_terminal(&e.to_string())
            );
            ExitCode::FAILURE
        }
    }
}
