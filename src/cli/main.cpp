#include "cli/app.hpp"

int main(int argc, char** argv) { return backplan::cli::run(argc, argv); }
