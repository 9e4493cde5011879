//! The `concord` command line: turns raw arguments into validated library
//! calls, and library errors into messages and exit codes. Nothing else.

fn main() {
    println!("concord");
}
