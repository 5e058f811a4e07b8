#pragma once
// `respgrid serve` as a client meets it: the real binary started on a free loopback port, its
// port read from the first line it prints, stopped with SIGTERM.

#include <httplib.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace respgrid::test {

class ServiceProcess {
public:
    // Starts `respgrid serve project --listen 127.0.0.1:0 extra...` and waits until it listens.
    ServiceProcess(const std::string& project, const std::vector<std::string>& extra);
    ~ServiceProcess();
    ServiceProcess(const ServiceProcess&) = delete;
    ServiceProcess& operator=(const ServiceProcess&) = delete;

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] httplib::Client client() const;
    // Sends SIGTERM and waits: the exit status (-1 when it died of a signal).
    int stop();
    // What it printed on stderr so far (read after stop()).
    [[nodiscard]] std::string log() const;

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string log_path_;
};

}  // namespace respgrid::test
