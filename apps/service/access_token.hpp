#pragma once
// The bearer token that write endpoints need: the first line of --token-file, compared in
// constant time (the time taken tells nothing about how much of a guess was right).

#include <httplib.h>

#include <optional>
#include <string>

namespace respgrid::service {

class AccessToken {
public:
    // No token: every write is refused.
    AccessToken() = default;
    // Reads the first line of `path` (InputError when unreadable, empty or shorter than 16
    // characters: a token that short could be guessed).
    static AccessToken from_file(const std::string& path);

    [[nodiscard]] bool configured() const { return token_.has_value(); }
    // True when `given` is the token.
    [[nodiscard]] bool matches(const std::string& given) const;
    // Throws ApiError 401 unless the request carries the token: `Authorization: Bearer T`, or
    // (Open311 clients) an `api_key` parameter, or `api_key` as the caller read it from a body.
    void require(const httplib::Request& req, const std::optional<std::string>& api_key = std::nullopt) const;

private:
    std::optional<std::string> token_;
};

}  // namespace respgrid::service
