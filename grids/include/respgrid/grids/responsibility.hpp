#pragma once
// Layered responsibility (分层责任): who answers for an issue of a category, at a point, at a time.
//
// Layers of responsibility overlap:
//   * area layers: polygons with an owner (包联 leader areas, department sections, institutions);
//   * line layers: road sections (路长制/包路包段) or shop frontages (门前三包), stored already
//     buffered into a corridor (flat ends, round joins) in the working CRS;
//   * the category layer, named "category": the catalogue's responsible department of a category;
//   * the territory (属地): the grid's territorial chain (grid worker, village, township, leader).
// A RuleSet says, per category ("*" = every other category; "09*" = every code starting "09"),
// which layers answer in which order, whether the first layer that has an owner answers alone
// (`sole`) or every matching layer is listed in order (`shared`), and whether the territorial
// chain is appended `always` or only as the `fallback` when nobody else answers (属地兜底). The
// territory is never dropped: when no layer answers, it answers.
//
// A feature applies when its area contains the point under the half-open rule of
// geo/half_open.hpp (a point on its boundary counts on the east/north side), when it is valid at
// the time asked, when it lists the category (or lists none = every category), and when its
// owner is in the roster, active and valid at that time. Time: an Instant, whose day in the
// project's zone is compared with the validity dates (both ends included).
//
// The resolver holds plain coordinates and a bounding-box R-tree only, no GEOS objects: its
// const methods may run on several threads at once.

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/xy.hpp"
#include "respgrid/grids/categories.hpp"
#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/issues.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/grids/owners.hpp"

namespace respgrid::grids {

// ---- time

// True when `day` lies in [from, to], both included; an unset end is open. Validity is in whole
// days of the project's zone (grids/local_time.hpp): a change effective 2026-09-01 applies from
// 2026-09-01 00:00 local time.
bool valid_on(const std::optional<Date>& from, const std::optional<Date>& to, Date day);

// ---- layers and features

enum class LayerKind { Area, Line };
std::string_view to_string(LayerKind kind);  // "area", "line"
std::optional<LayerKind> parse_layer_kind(std::string_view text);

// Names rules use besides the project's layer names.
inline constexpr std::string_view kCategoryLayer = "category";
inline constexpr std::string_view kTerritory = "territory";

struct ResponsibilityLayer {
    std::string name;  // unique in the project; not "category" or "territory"
    LayerKind kind = LayerKind::Area;
    std::string source;     // the file it came from
    double buffer_m = 0.0;  // line layers: half-width of the corridor
};

struct ResponsibilityFeature {
    std::string layer;
    std::string owner_id;
    std::string label;                    // e.g. "S207 K12-K15", a shop's or institution's name
    std::vector<std::string> categories;  // empty: every category; codes, names or aliases
    std::optional<Date> valid_from;       // unset: open
    std::optional<Date> valid_to;
    std::vector<geo::PolygonRings> area;  // working CRS; line features already buffered
};

// ---- rules

enum class Mode { Sole, Shared };
enum class TerritoryMode { Always, Fallback, FromCategory };
std::string_view to_string(Mode mode);           // "sole", "shared"
std::optional<Mode> parse_mode(std::string_view text);
std::string_view to_string(TerritoryMode mode);  // "always", "fallback", "category"
std::optional<TerritoryMode> parse_territory_mode(std::string_view text);

struct Rule {
    std::string category = "*";       // a code, a prefix ending in "*", or "*"
    std::vector<std::string> layers;  // layer names and "category", in order of precedence
    Mode mode = Mode::Sole;
    // FromCategory: `always` when the category's territory_answers is 1 (or the category is not
    // in the catalogue), `fallback` when it is 0.
    TerritoryMode territory = TerritoryMode::FromCategory;
};

struct RuleSet {
    std::string source;  // file name the rules came from, or "default rules"
    std::vector<Rule> rules;
    // The rule for a category: an exact code first, then the longest matching prefix pattern,
    // then "*"; null when none matches (then the territory alone answers).
    [[nodiscard]] const Rule* rule_for(std::string_view category) const;
};

// The rules a project without a rules file gets: one "*" rule, every area and line layer in the
// order given, then "category", `shared`, the territory as the category table says.
RuleSet default_rules(std::span<const std::string> layer_names);

// ---- resolution

struct Answer {
    std::string layer;             // a layer name, "category" or "territory"
    std::string role;              // "department" (category), the layer's name, or a territorial role
    const Owner* owner = nullptr;  // null only for a territorial role nobody fills
    std::string label;             // the feature's label, the category's code and name, or ""
    std::string rule;              // why: the rule, the layer, the feature and the owner
};

struct Resolution {
    std::string category;       // the catalogue code the category text matched, "" when none (or no text)
    std::string category_text;  // the category as asked (a code, a name or an alias; grids/categories.hpp)
    CategoryMatchKind category_match = CategoryMatchKind::None;  // how it matched; None also for no text
    // A category text was given but matches nothing: the territory answers (属地兜底).
    [[nodiscard]] bool category_unrecognised() const { return category.empty() && !category_key(category_text).empty(); }
    Instant at;                 // the instant resolved at
    const Rule* rule = nullptr;  // null: no rule matched, the territory answers
    std::vector<Answer> answers;       // in order of precedence
    bool territory_listed = false;     // the territorial chain is among the answers
    std::vector<std::string> notes;    // what was passed over: expired features, dead owners...
    std::optional<double> deadline_hours;  // the category's 处置时限
};

class ResponsibilityResolver {
public:
    // `owners` and `categories` are the roster and catalogue; features whose layer is not in
    // `layers` are ignored; validity days are days of `zone`, the project's. Throws InputError
    // when a rule names an unknown layer.
    ResponsibilityResolver(std::vector<ResponsibilityLayer> layers, std::vector<ResponsibilityFeature> features,
                           std::vector<Owner> owners, std::vector<IssueCategory> categories, RuleSet rules,
                           UtcOffset zone = kChinaTime);
    ~ResponsibilityResolver();
    ResponsibilityResolver(ResponsibilityResolver&&) noexcept;
    ResponsibilityResolver& operator=(ResponsibilityResolver&&) noexcept;

    // Who answers at `point` (working CRS) for the category `category` means (a code, a name or an
    // alias, matched by catalogue().match) at `at`, given the grid's territorial chain. No category
    // (""): only features for every category, and the territory. A category that matches nothing
    // is answered like no category, and the territory is always listed (属地兜底), whatever the
    // rule's `territory` says, with a note. Links of
    // `territory` whose owner is not valid at `at` count as missing. Thread-safe.
    [[nodiscard]] Resolution resolve(geo::XY point, const ResolvedChain& territory, std::string_view category,
                                     Instant at) const;

    [[nodiscard]] const RuleSet& rules() const { return rules_; }
    [[nodiscard]] const std::vector<ResponsibilityLayer>& layers() const { return layers_; }
    [[nodiscard]] const Owner* owner(const std::string& id) const;
    [[nodiscard]] const CategoryCatalogue& catalogue() const { return catalogue_; }

private:
    struct Index;
    std::vector<ResponsibilityLayer> layers_;
    std::vector<ResponsibilityFeature> features_;
    std::vector<Owner> owners_;
    std::map<std::string, std::size_t, std::less<>> owner_index_;
    CategoryCatalogue catalogue_;
    RuleSet rules_;
    UtcOffset zone_;
    std::unique_ptr<Index> index_;  // per layer: a bounding-box R-tree over its features
};

// Checks that every layer a rule names is "category" or one of `layer_names`, that no rule names
// "territory" as a layer and that no category pattern repeats; the error names `rules.source`
// and the rule. Throws InputError.
void validate_rules(const RuleSet& rules, std::span<const std::string> layer_names);

}  // namespace respgrid::grids
