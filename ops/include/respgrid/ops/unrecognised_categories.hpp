#pragma once
// The category texts of a batch (batch `locate`, `import issues`) that matched nothing in the
// catalogue, with how many rows gave each, so the catalogue can be completed: the summary names
// the most frequent. Texts are grouped by their match key (grids::category_key), shown as first seen.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace respgrid::ops {

class UnrecognisedCategories {
public:
    void add(std::string_view text, std::size_t rows = 1);
    void merge(const UnrecognisedCategories& other);
    [[nodiscard]] std::size_t rows() const { return rows_; }
    [[nodiscard]] bool empty() const { return rows_ == 0; }
    // "3 row(s) with a category not in the catalogue; the territory answered (属地兜底). Add these
    // to the catalogue (as a code, name or alias): 井盖缺失 (2), 噪音扰民 (1)", the `top` most
    // frequent (ties in text order), then how many more; "" when there are none.
    [[nodiscard]] std::string summary(std::size_t top = 10) const;

private:
    struct Seen {
        std::string text;  // as first seen
        std::size_t rows = 0;
    };
    std::map<std::string, Seen, std::less<>> by_key_;
    std::size_t rows_ = 0;
};

}  // namespace respgrid::ops
