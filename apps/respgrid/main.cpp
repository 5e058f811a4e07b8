// respgrid: responsibility-grid management for a county. All the work is in cli/.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    respgrid::cli::Io io{std::cout, std::cerr};
    return respgrid::cli::run_cli(args, io);
}
