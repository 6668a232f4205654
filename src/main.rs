use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = watchdesk::cli::Cli::parse();
    match watchdesk::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("watchdesk: {e}");
            ExitCode::FAILURE
        }
    }
}
