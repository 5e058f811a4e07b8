#pragma once
// National coding rules for administrative units and grids (docs/DOMAIN.md §1.3):
//   county   6 digits  GB/T 2260
//   township 9 digits  county + 3 (GB/T 10114: 001-099 街道, 100-199 镇, 200-399 乡)
//   village 12 digits  township + 3 (统计用区划代码: 001-199 社区, 200-399 村)
//   grid    15 digits  village + 3-digit sequence (DB11, GB/T 47678.3 form; the default)
//           14 digits  village + 2-digit sequence (CJ/T 213-2005 form)

#include <string>
#include <string_view>

#include "respgrid/geo/error.hpp"
#include "respgrid/grids/admin.hpp"

namespace respgrid::grids {

enum class GridCodeScheme { Digits15, Digits14 };

// A code that breaks the rules, or a sequence that would overflow its digits.
class CodeError : public Error {
public:
    CodeError(std::string code, const std::string& what);
    [[nodiscard]] const std::string& code() const noexcept { return code_; }

private:
    std::string code_;
};

bool is_all_digits(std::string_view s);
// The number of digits a code of `level` has: 6, 9 or 12.
std::size_t code_length(AdminLevel level);
// True when `code` is well formed for `level`.
bool is_valid_code(AdminLevel level, std::string_view code);
// The code of the parent unit: 12 -> 9, 9 -> 6 digits. Empty for a county code.
std::string parent_code_of(std::string_view code);

int max_grid_sequence(GridCodeScheme scheme);  // 999 or 99
// village code + zero-padded sequence; throws CodeError naming the village on overflow.
std::string make_grid_code(std::string_view village_code, int sequence, GridCodeScheme scheme);
GridCodeScheme parse_grid_code_scheme(std::string_view text);  // "15" or "14"

}  // namespace respgrid::grids
