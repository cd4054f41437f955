// The floor for start-up time: a program linked against the same libraries
// as backplan that does nothing.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

int main() { return 0; }
