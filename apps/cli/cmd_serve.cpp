// respgrid serve PROJECT [--listen HOST:PORT] [--token-file F] [--threads N] [--cors ORIGIN]
// The HTTP service (apps/service, docs/service.md); the command only reads its options.
#include "cli/commands.hpp"
#include "cli/option_bounds.hpp"
#include "respgrid/ops/errors.hpp"
#include "service/service.hpp"

namespace respgrid::cli {

namespace {

class ServeCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand(
            "serve", "Serve locate, grids, owners, vector tiles, Open311 intake and the web map over HTTP (docs/service.md)");
        cmd->add_option("PROJECT", options_.project, "Project file (switched to SQLite's write-ahead log)")
            ->required()
            ->check(CLI::ExistingFile);
        cmd->add_option("--listen", listen_, "Address and port; port 0 takes a free one (printed)")->capture_default_str();
        cmd->add_option("--token-file", options_.token_file,
                        "File whose first line is the bearer token that writes need (none: writes are refused)")
            ->check(CLI::ExistingFile);
        cmd->add_option("--threads", options_.threads,
                        "Worker threads; each keep-alive connection holds one while it is open")
            ->capture_default_str()
            ->check(CLI::Range(1, 1024));
        cmd->add_option("--cors", options_.cors_origin,
                        "Allow browser pages of this origin (https://map.example.gov.cn, or *) to call the API; off by default");
        cmd->add_option("--poll", options_.poll_seconds,
                        "Seconds between looks at the project for a new generation, roster or rules")
            ->capture_default_str()
            ->check(number_in(0.05, 3600.0));
        return cmd;
    }

    int run(Console& console) override {
        const auto colon = listen_.rfind(':');
        if (colon == std::string::npos || colon == 0) {
            throw ops::UsageError("--listen " + listen_ + ": give HOST:PORT, such as 127.0.0.1:8080");
        }
        options_.host = listen_.substr(0, colon);
        if (options_.host.size() > 2 && options_.host.front() == '[' && options_.host.back() == ']') {
            options_.host = options_.host.substr(1, options_.host.size() - 2);  // [::1]:8080
        }
        try {
            options_.port = std::stoi(listen_.substr(colon + 1));
        } catch (const std::exception&) {
            options_.port = -1;
        }
        if (options_.port < 0 || options_.port > 65535) {
            throw ops::UsageError("--listen " + listen_ + ": the port must be 0..65535");
        }
        options_.quiet = console.quiet;
        return service::serve(options_, console.io.err);
    }

private:
    service::ServiceOptions options_;
    std::string listen_ = "127.0.0.1:8080";
};

}  // namespace

std::unique_ptr<Command> make_serve_command() { return std::make_unique<ServeCommand>(); }

}  // namespace respgrid::cli
