#include "respgrid/grids/codes.hpp"

#include <algorithm>
#include <cstdio>

namespace respgrid::grids {

CodeError::CodeError(std::string code, const std::string& what)
    : Error(what + " (code='" + code + "')"), code_(std::move(code)) {}

bool is_all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::size_t code_length(AdminLevel level) {
    switch (level) {
        case AdminLevel::County: return 6;
        case AdminLevel::Township: return 9;
        case AdminLevel::Village: return 12;
    }
    return 0;
}

bool is_valid_code(AdminLevel level, std::string_view code) {
    return code.size() == code_length(level) && is_all_digits(code);
}

std::string parent_code_of(std::string_view code) {
    if (code.size() == 12) return std::string(code.substr(0, 9));
    if (code.size() == 9) return std::string(code.substr(0, 6));
    return {};
}

int max_grid_sequence(GridCodeScheme scheme) { return scheme == GridCodeScheme::Digits15 ? 999 : 99; }

std::string make_grid_code(std::string_view village_code, int sequence, GridCodeScheme scheme) {
    int max = max_grid_sequence(scheme);
    if (sequence < 1 || sequence > max) {
        throw CodeError(std::string(village_code),
                        "grids: village needs grid sequence " + std::to_string(sequence) + " but the " +
                            (scheme == GridCodeScheme::Digits15 ? "15" : "14") + "-digit code allows at most " +
                            std::to_string(max) + " grids per village; use larger cells" +
                            (scheme == GridCodeScheme::Digits14 ? std::string(" or the 15-digit scheme") : std::string()));
    }
    char seq[8];
    std::snprintf(seq, sizeof seq, scheme == GridCodeScheme::Digits15 ? "%03d" : "%02d", sequence);
    return std::string(village_code) + seq;
}

GridCodeScheme parse_grid_code_scheme(std::string_view text) {
    if (text == "15") return GridCodeScheme::Digits15;
    if (text == "14") return GridCodeScheme::Digits14;
    throw CodeError(std::string(text), "grids: unknown grid code scheme, use 15 or 14");
}

}  // namespace respgrid::grids
