#include "service_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "test_support.hpp"

namespace respgrid::test {

ServiceProcess::ServiceProcess(const std::string& project, const std::vector<std::string>& extra) {
    // A log of its own, made empty before the child starts: the port is read from it.
    static int started = 0;
    log_path_ = project + ".serve" + std::to_string(++started) + ".log";
    { std::ofstream truncate(log_path_, std::ios::trunc); }
    std::vector<std::string> args{respgrid_binary(), "serve", project, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        // The log goes to a file: a pipe nobody drains could block the service.
        const int fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, STDERR_FILENO);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    for (int attempt = 0; attempt < 600; ++attempt) {
        std::smatch m;
        const std::string text = log();
        if (std::regex_search(text, m, listening)) {
            port_ = std::stoi(m[1]);
            return;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("respgrid serve exited before listening: " + text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("respgrid serve did not listen within 60 s: " + log());
}

ServiceProcess::~ServiceProcess() {
    if (pid_ > 0) stop();
}

httplib::Client ServiceProcess::client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
}

int ServiceProcess::stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ServiceProcess::log() const {
    std::ifstream in(log_path_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace respgrid::test
