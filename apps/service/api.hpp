#pragma once
// What every route shares: JSON answers, errors as JSON with a 4xx status, and reading query
// and form parameters with clear messages. A route throws ApiError (or an error of the use case
// it calls) and `guarded` turns it into the answer: bad input is never a 5xx.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace respgrid::service {

class ApiError : public std::runtime_error {
public:
    ApiError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    [[nodiscard]] int status() const { return status_; }

private:
    int status_;
};

// How a path family words its errors: ours ({"error": {"status", "message"}}) or Open311's
// ([{"code", "description"}]).
enum class ErrorStyle { Respgrid, Open311 };

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_error(httplib::Response& res, int status, const std::string& message, ErrorStyle style);

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
// `handler` with every exception answered: ApiError with its status, an input or usage error of
// a use case 400, a refused ledger move 409, a busy store 503, anything else 500 (and logged).
Handler guarded(Handler handler, ErrorStyle style = ErrorStyle::Respgrid);

// A query or form parameter; nullopt when absent or empty; 400 when it is not UTF-8.
std::optional<std::string> param(const httplib::Request& req, const std::string& name);
// A required finite number (400 naming the parameter when missing, unreadable, NaN or infinite).
double number_param(const httplib::Request& req, const std::string& name);
// A number read from text, `name` naming it in the error.
double number_text(std::string_view text, const std::string& name);
// An optional whole number within [low, high].
std::optional<long long> integer_param(const httplib::Request& req, const std::string& name, long long low,
                                       long long high);
// The request's body as JSON (400 when malformed).
nlohmann::json json_body(const httplib::Request& req);
// A body field of `body` as text: strings as they are, numbers as written; nullopt when absent or null.
std::optional<std::string> json_text(const nlohmann::json& body, const std::string& name);

}  // namespace respgrid::service
