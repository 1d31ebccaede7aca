//! The `dossier` binary: headless subcommands, or the desktop workbench.

use clap::Parser as _;
use dossier::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    let merges = args.command.as_ref().is_some_and(cli::Command::merges);
    let result = match args.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            cli::run(command, &mut out)
        }
        None => cli::check_app_files(&args.files).and_then(|()| dossier::app::run(args.files)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed pipe (`dossier list … | head`) is not an error worth a message.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            // Conflicts left to resolve are the command's answer, not an error.
            if let Some(u) = e.downcast_ref::<cli::Unresolved>() {
                eprintln!("dossier: {}", cli::escape::for_terminal(&u.to_string()));
                return ExitCode::from(1);
            }
            // `{:#}` prints the chain of causes once each; escaping keeps names and
            // titles quoted in the message from driving the terminal.
            eprintln!("error: {}", cli::escape::for_terminal(&format!("{e:#}")));
            // A merge that wrote nothing must not look like one that recorded
            // conflicts (status 1): 2, as for usage errors.
            if merges {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
