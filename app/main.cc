#include "loupe/cli/command.h"

int main(int argc, char** argv) { return loupe::cli::Main(argc, argv); }
