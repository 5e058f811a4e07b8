#include "service/api.hpp"

#include <charconv>
#include <cmath>
#include <iostream>

#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/ledger.hpp"
#include "respgrid/store/sqlite.hpp"

namespace respgrid::service {

namespace {
constexpr std::size_t kSmallBodyLimit = 1024 * 1024;
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    // Invalid UTF-8 (a name stored before the store refused it) is replaced, never a throw.
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message, ErrorStyle style) {
    if (style == ErrorStyle::Open311) {
        send_json(res, status, nlohmann::json::array({{{"code", status}, {"description", message}}}));
    } else {
        send_json(res, status, {{"error", {{"status", status}, {"message", message}}}});
    }
}

Handler guarded(Handler handler, ErrorStyle style) {
    return [handler = std::move(handler), style](const httplib::Request& req, httplib::Response& res) {
        try {
            // Writes other than a batch of points are small (httplib refuses bodies over the
            // batch's limit before reading them).
            if (req.method == "POST" && req.path != "/v1/locate" && req.body.size() > kSmallBodyLimit) {
                throw ApiError(413, "the body is over the limit of " + std::to_string(kSmallBodyLimit) + " bytes");
            }
            handler(req, res);
        } catch (const ApiError& e) {
            if (e.status() == 401) res.set_header("WWW-Authenticate", "Bearer");
            send_error(res, e.status(), e.what(), style);
        } catch (const ops::LedgerRefusal& e) {
            send_error(res, 409, e.what(), style);
        } catch (const store::StoreError& e) {
            // Another process holds the write lock longer than the busy timeout: try again.
            if (e.busy()) {
                res.set_header("Retry-After", "1");
                send_error(res, 503, std::string("the project is busy: ") + e.what(), style);
            } else {
                std::cerr << "respgrid serve: " << req.method << " " << req.path << ": " << e.what() << "\n";
                send_error(res, 500, e.what(), style);
            }
        } catch (const CrsError& e) {
            send_error(res, 400, e.what(), style);
        } catch (const InputError& e) {
            send_error(res, 400, e.what(), style);
        } catch (const ops::UsageError& e) {
            send_error(res, 400, e.what(), style);
        } catch (const nlohmann::json::exception& e) {
            send_error(res, 400, std::string("bad JSON value: ") + e.what(), style);
        } catch (const std::exception& e) {
            std::cerr << "respgrid serve: " << req.method << " " << req.path << ": " << e.what() << "\n";
            send_error(res, 500, e.what(), style);
        }
    };
}

std::optional<std::string> param(const httplib::Request& req, const std::string& name) {
    if (!req.has_param(name.c_str())) return std::nullopt;
    auto value = req.get_param_value(name.c_str());
    if (value.empty()) return std::nullopt;
    // Forms and URLs carry UTF-8; anything else (a GBK form) would be stored garbled. JSON
    // bodies need no check here: the parser refuses ill-formed UTF-8.
    if (const auto at = geo::utf8_error_offset(value); at != std::string::npos) {
        throw ApiError(400, name + ": not UTF-8 text (byte " + std::to_string(at) + "); send UTF-8");
    }
    return value;
}

double number_text(std::string_view text, const std::string& name) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double v = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw ApiError(400, name + ": '" + std::string(text) + "' is not a number");
    }
    if (!std::isfinite(v)) throw ApiError(400, name + ": " + std::string(text) + " is not a finite number");
    return v;
}

double number_param(const httplib::Request& req, const std::string& name) {
    auto text = param(req, name);
    if (!text) throw ApiError(400, name + " is required");
    return number_text(*text, name);
}

std::optional<long long> integer_param(const httplib::Request& req, const std::string& name, long long low,
                                       long long high) {
    auto text = param(req, name);
    if (!text) return std::nullopt;
    long long v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size()) {
        throw ApiError(400, name + ": '" + *text + "' is not a whole number");
    }
    if (v < low || v > high) {
        throw ApiError(400, name + ": " + *text + " is out of range (" + std::to_string(low) + ".." + std::to_string(high) + ")");
    }
    return v;
}

nlohmann::json json_body(const httplib::Request& req) {
    if (req.body.empty()) throw ApiError(400, "the request has no body; a JSON body is expected");
    try {
        return nlohmann::json::parse(req.body);
    } catch (const nlohmann::json::parse_error& e) {
        throw ApiError(400, std::string("the body is not JSON: ") + e.what());
    }
}

std::optional<std::string> json_text(const nlohmann::json& body, const std::string& name) {
    if (!body.is_object()) return std::nullopt;
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();
    throw ApiError(400, name + " must be a text or a number");
}

}  // namespace respgrid::service
