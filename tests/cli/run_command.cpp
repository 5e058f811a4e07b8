#include "run_command.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "cli/cli.hpp"
#include "test_support.hpp"

namespace respgrid::test {

namespace {
std::string drain(int fd) {
    std::string text;
    char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
    return text;
}
}  // namespace

CommandResult run_respgrid(const std::vector<std::string>& args) {
    if (std::getenv("RESPGRID_BINARY")) return run_respgrid_binary(args);
    std::ostringstream out, err;
    cli::Io io{out, err};
    std::vector<std::string> argv{"respgrid"};
    argv.insert(argv.end(), args.begin(), args.end());
    CommandResult r;
    r.exit_code = cli::run_cli(argv, io);
    r.out = out.str();
    r.err = err.str();
    return r;
}

CommandResult run_respgrid_binary(const std::vector<std::string>& args) { return run_program(respgrid_binary(), args); }

std::string run_steps(const std::vector<std::vector<std::string>>& steps) {
    for (const auto& step : steps) {
        auto r = run_respgrid(step);
        if (r.exit_code != 0) {
            std::string command;
            for (const auto& a : step) command += (command.empty() ? "" : " ") + a;
            return "set-up step failed (exit " + std::to_string(r.exit_code) + "): " + command + "\n" + r.err;
        }
    }
    return {};
}

CommandResult run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::string& stdout_path) {
    // Output goes through temporary files, so a chatty command cannot dead-lock on a full pipe.
    TempDir tmp;
    std::string out_path = stdout_path.empty() ? tmp.file("out") : stdout_path, err_path = tmp.file("err");
    std::vector<std::string> argv_storage{program};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(out, 1);
        dup2(err, 2);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (stdout_path.empty()) {
        int out = open(out_path.c_str(), O_RDONLY);
        r.out = drain(out);
        close(out);
    }
    int err = open(err_path.c_str(), O_RDONLY);
    r.err = drain(err);
    close(err);
    return r;
}

}  // namespace respgrid::test
