#include "service/access_token.hpp"

#include <fstream>

#include "respgrid/geo/error.hpp"
#include "service/api.hpp"

namespace respgrid::service {

namespace {
constexpr std::size_t kShortestToken = 16;
}

AccessToken AccessToken::from_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(SourceLocation{path, {}, {}, {}}, "cannot read the token file");
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (line.size() < kShortestToken) {
        throw InputError(SourceLocation{path, {}, 1, {}, "line"},
                         "the token (the file's first line) must have at least " + std::to_string(kShortestToken) +
                             " characters; make one with `head -c 24 /dev/urandom | base64`");
    }
    AccessToken t;
    t.token_ = line;
    return t;
}

bool AccessToken::matches(const std::string& given) const {
    if (!token_) return false;
    const std::string& expected = *token_;
    // Every byte of the longer text is looked at, whatever differs first.
    const std::size_t n = std::max(expected.size(), given.size());
    unsigned difference = expected.size() == given.size() ? 0u : 1u;
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char a = i < expected.size() ? static_cast<unsigned char>(expected[i]) : 0;
        const unsigned char b = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
        difference |= static_cast<unsigned>(a ^ b);
    }
    return difference == 0;
}

void AccessToken::require(const httplib::Request& req, const std::optional<std::string>& api_key) const {
    if (!token_) throw ApiError(401, "writes are off: the service was started without --token-file");
    std::string given;
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (header.size() > kBearer.size() && header.compare(0, kBearer.size(), kBearer) == 0) {
        given = header.substr(kBearer.size());
    } else if (req.has_param("api_key")) {
        given = req.get_param_value("api_key");
    } else if (api_key) {
        given = *api_key;
    }
    if (given.empty()) throw ApiError(401, "this endpoint needs a token: send `Authorization: Bearer TOKEN`");
    if (!matches(given)) throw ApiError(401, "the token is wrong");
}

}  // namespace respgrid::service
