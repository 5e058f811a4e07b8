#pragma once
// The schema as SQL files (store/sql/NNNN_*.sql), embedded at build time.

#include <span>
#include <string_view>

namespace respgrid::store::detail {

struct Migration {
    int version;
    std::string_view description;
    std::string_view sql;
};

// In ascending version order, starting at 1 without holes.
std::span<const Migration> migrations();

}  // namespace respgrid::store::detail
