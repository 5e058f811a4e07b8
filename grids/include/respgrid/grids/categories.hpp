#pragma once
// Which catalogue category an issue's category text means (问题类别): by code, by name, or by one
// of the category's aliases (别名). One matcher for every command that reads a category (batch and
// single `locate`, `owners`, `import issues`), so the same text gets the same answer everywhere.
//
// Texts are compared by their key (category_key), which forgives what office files really do and
// nothing more: white space around the text (ASCII, no-break and ideographic spaces), full-width
// forms (０９００６, （箱）, ＡＢＣ, the ideographic space) folded to their half-width
// equivalents, runs of white space inside made one space, ASCII letters lower-cased.
// 乱停乱放 and 乱停放 stay different texts.
//
// A key belongs to one category at most: a code, name or alias that two categories claim makes
// the catalogue ambiguous. The catalogue import rejects the later category naming both
// (CategoryCatalogue::clash_with); a catalogue stored with one anyway (an older project) matches
// neither category by that key, never one of them at random.

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/grids/issues.hpp"

namespace respgrid::grids {

// The text two category texts are compared by (see above).
std::string category_key(std::string_view text);

// The aliases of an alias cell: pieces separated by ; ； 、 , ， | ｜ or line breaks, each trimmed;
// empty pieces and repeats (by key) dropped, order kept.
std::vector<std::string> split_aliases(std::string_view cell);
// The aliases as one cell, "；"-separated (split_aliases reads it back).
std::string join_aliases(const std::vector<std::string>& aliases);

enum class CategoryMatchKind { None, Code, Name, Alias };
// "unrecognised", "code", "name", "alias"
std::string_view to_string(CategoryMatchKind kind);

struct CategoryMatch {
    const IssueCategory* category = nullptr;  // null: the text matches no category
    CategoryMatchKind how = CategoryMatchKind::None;
    explicit operator bool() const { return category != nullptr; }
};

// A text of a category that a category already in the catalogue claims too.
struct CategoryClash {
    std::string text;  // the new category's text (its code, its name or one of its aliases)
    CategoryMatchKind what = CategoryMatchKind::None;     // which of the new category's texts
    std::string other_code;                               // the category that claims it already
    std::string other_name;
    CategoryMatchKind other_what = CategoryMatchKind::None;  // as its code, name or alias
    [[nodiscard]] std::string describe() const;  // "alias 乱停乱放 is the alias 乱停乱放 of 09009 机动车乱停放"
};

class CategoryCatalogue {
public:
    CategoryCatalogue() = default;
    // Every category is kept; keys two of them claim match neither (see above).
    explicit CategoryCatalogue(std::vector<IssueCategory> categories);
    CategoryCatalogue(const CategoryCatalogue&) = delete;
    CategoryCatalogue& operator=(const CategoryCatalogue&) = delete;
    CategoryCatalogue(CategoryCatalogue&&) noexcept = default;
    CategoryCatalogue& operator=(CategoryCatalogue&&) noexcept = default;

    // The first text of `c` that another category of the catalogue (any other code) claims.
    [[nodiscard]] std::optional<CategoryClash> clash_with(const IssueCategory& c) const;
    // Adds `c` (a code not yet in the catalogue). Check clash_with first to keep it unambiguous.
    void add(IssueCategory c);

    // The category `text` means, and by which of its texts; no match for "" or an ambiguous key.
    [[nodiscard]] CategoryMatch match(std::string_view text) const;
    // The category whose code is exactly `code`.
    [[nodiscard]] const IssueCategory* find_code(std::string_view code) const;

    // Every category, in the order added (a service's list of them).
    [[nodiscard]] std::vector<const IssueCategory*> list() const;
    [[nodiscard]] std::size_t size() const { return categories_.size(); }
    [[nodiscard]] bool empty() const { return categories_.empty(); }

private:
    static constexpr std::size_t kAmbiguous = static_cast<std::size_t>(-1);
    struct Claim {
        std::size_t index = 0;  // into categories_, or kAmbiguous
        CategoryMatchKind how = CategoryMatchKind::None;
    };
    // The texts of a category with what they are, repeats within the category dropped.
    static std::vector<std::pair<std::string, CategoryMatchKind>> texts_of(const IssueCategory& c);

    std::vector<std::unique_ptr<IssueCategory>> categories_;  // stable addresses for CategoryMatch
    std::map<std::string, Claim, std::less<>> keys_;
    std::map<std::string, std::size_t, std::less<>> codes_;
};

}  // namespace respgrid::grids
