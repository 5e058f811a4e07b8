// respgrid: responsibility-grid management for a county. All the work is in cli/.
#include <malloc.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
    // Keep freed memory in the process: batch locate and the grid cutter reuse buffers of many
    // megabytes, and glibc's default (returning every large block to the kernel with munmap and
    // faulting it in again) cost ~10 % of a million-point locate on a virtual machine.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    std::vector<std::string> args(argv, argv + argc);
    respgrid::cli::Io io{std::cout, std::cerr};
    return respgrid::cli::run_cli(args, io);
}
