// The sawt command-line front end: everything is in cli/ and the core library.
#include "cli/cli.h"

int main(int argc, char** argv) { return sawt::cli::run(argc, argv); }
