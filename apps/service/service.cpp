#include "service/service.hpp"

#include <sys/socket.h>

#include <csignal>
#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <thread>

#include "respgrid/ops/errors.hpp"
#include "service/api.hpp"
#include "service/routes.hpp"

namespace respgrid::service {

namespace {

constexpr std::size_t kBodyLimit = 4 * 1024 * 1024;        // POST /v1/locate: 10,000 points
constexpr std::size_t kTileCacheBytes = 256 * 1024 * 1024;
constexpr std::size_t kKeepAliveRequests = 1000000;        // per connection: load balancers and wrk keep theirs

// The signals that stop the service, blocked in every thread so that only the waiting thread
// takes them (a handler cannot safely stop a server).
sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGUSR1);  // sent by the service to itself when it stops on its own
    return set;
}

void configure(httplib::Server& server, const ServiceOptions& options) {
    // httplib's default adds SO_REUSEPORT, which lets a second process listen on a port in use
    // (and share its connections): refused here. SO_REUSEADDR lets a restart take the port of a
    // service that has just stopped.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    const int threads = options.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle and the client's
    // delayed ACK hold every answer for 40 ms.
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(kKeepAliveRequests);
    server.set_keep_alive_timeout(5);
    server.set_read_timeout(10, 0);
    server.set_write_timeout(10, 0);
    server.set_payload_max_length(kBodyLimit);
    // Errors httplib answers itself (413, 404 of no route, 400 of a malformed request) get a
    // JSON body like ours.
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        const bool open311 = req.path.rfind("/open311/", 0) == 0;
        std::string message = res.status == 404   ? "no such endpoint: " + req.method + " " + req.path
                              : res.status == 413 ? "the body is over the limit"
                                                  : "the request could not be read";
        send_error(res, res.status, message, open311 ? ErrorStyle::Open311 : ErrorStyle::Respgrid);
    });
    const std::string origin = options.cors_origin;
    server.set_pre_routing_handler([origin](const httplib::Request& req, httplib::Response& res) {
        if (!origin.empty()) {
            res.set_header("Access-Control-Allow-Origin", origin);
            res.set_header("Vary", "Origin");
            if (req.method == "OPTIONS") {
                res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
                res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
                res.set_header("Access-Control-Max-Age", "600");
                res.status = 204;
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
}

}  // namespace

int serve(const ServiceOptions& options, std::ostream& log) {
    // Before any thread exists, so that every thread inherits the mask.
    const sigset_t signals = stop_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    std::ostream* progress = options.quiet ? nullptr : &log;
    {
        // Readers on their own connections never wait for a writer in WAL mode.
        auto project = store::Project::open(options.project);
        project.require_writable("the service takes issues onto the ledger");
        project.use_write_ahead_log();
    }
    const AccessToken token = options.token_file.empty() ? AccessToken() : AccessToken::from_file(options.token_file);
    // As many warm point checkers as requests can be answered at once, up to the cores' worth
    // a burst needs (more are made on demand).
    LiveState state(options.project, progress, static_cast<std::size_t>(std::min(options.threads, 16)));
    TileCache tiles(kTileCacheBytes);
    SummaryCache summaries;
    Context context{state, token, tiles, summaries};

    httplib::Server server;
    configure(server, options);
    add_locate_routes(server, context);
    add_grid_routes(server, context);
    add_ledger_routes(server, context);
    add_open311_routes(server, context);
    add_tile_routes(server, context);
    add_page_routes(server, context);

    int port = options.port;
    if (port == 0) {
        port = server.bind_to_any_port(options.host.c_str());
    } else if (!server.bind_to_port(options.host.c_str(), port)) {
        port = -1;
    }
    if (port < 0) throw ops::UsageError("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                                        " (in use, or not an address of this machine)");
    // The first line says where: a caller that asked for port 0 reads it.
    log << "respgrid serve: listening on http://" << options.host << ":" << port << "/" << std::endl;
    if (!token.configured() && progress) *progress << "respgrid serve: no --token-file: every write is refused\n";

    std::mutex mutex;
    std::condition_variable stopped;
    bool stopping = false;
    // Watches the project for a new generation, roster or rules, and the ledger's revision.
    std::thread watcher([&] {
        std::unique_lock lock(mutex);
        while (!stopping) {
            lock.unlock();
            try {
                state.refresh();
            } catch (const std::exception& e) {
                if (progress) *progress << "respgrid serve: reloading failed, still serving the previous index: " << e.what() << "\n";
            }
            lock.lock();
            stopped.wait_for(lock, std::chrono::duration<double>(options.poll_seconds), [&] { return stopping; });
        }
    });
    // Takes the stop signal: stop() closes the listening socket; listen() returns when the
    // requests in flight are answered (the thread pool is drained and joined).
    std::atomic<bool> listen_returned{false};
    std::thread signal_waiter([&] {
        int signal = 0;
        sigwait(&signals, &signal);
        if (signal == SIGUSR1) return;
        if (progress) *progress << "respgrid serve: " << (signal == SIGTERM ? "SIGTERM" : "SIGINT") << ", draining\n";
        state.start_draining();
        // stop() does nothing before listen has started: a signal during start-up waits for it.
        while (!server.is_running() && !listen_returned) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        server.stop();
    });

    const bool listened = server.listen_after_bind();
    listen_returned = true;
    {
        std::lock_guard lock(mutex);
        stopping = true;
    }
    stopped.notify_all();
    watcher.join();
    if (signal_waiter.joinable()) {
        pthread_kill(signal_waiter.native_handle(), SIGUSR1);
        signal_waiter.join();
    }
    if (progress) *progress << "respgrid serve: stopped\n";
    return listened ? 0 : 1;
}

}  // namespace respgrid::service
