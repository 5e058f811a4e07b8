#pragma once
// respgrid serve: the HTTP service (docs/service.md). Runs until SIGTERM or SIGINT, then stops
// taking connections, lets the requests in flight finish and returns 0.

#include <ostream>
#include <string>

namespace respgrid::service {

struct ServiceOptions {
    std::string project;
    std::string host = "127.0.0.1";  // loopback unless told otherwise
    int port = 8080;                 // 0: any free port (printed on the first line of the log)
    std::string token_file;          // "" = writes refused
    int threads = 16;                // worker threads: at least the keep-alive connections expected
    std::string cors_origin;         // "" = no CORS headers
    double poll_seconds = 1.0;       // how often the project is looked at for changes
    bool quiet = false;
};

// The exit code: 0 after a clean stop. InputError/UsageError when the project, the token file
// or the address cannot be used (before anything listens).
int serve(const ServiceOptions& options, std::ostream& log);

}  // namespace respgrid::service
