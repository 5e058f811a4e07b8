#include "respgrid/grids/responsibility.hpp"
#include "respgrid/geo/enum_names.hpp"

#include <algorithm>
#include <iterator>
#include <set>

#include "box_index.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/half_open.hpp"

namespace respgrid::grids {

namespace {

bool matches(std::string_view pattern, std::string_view code) {
    if (pattern == "*") return true;
    if (!pattern.empty() && pattern.back() == '*') return code.substr(0, pattern.size() - 1) == pattern.substr(0, pattern.size() - 1);
    return pattern == code;
}

std::string owner_text(const Owner& o) { return o.name + " (" + o.id + ")"; }

}  // namespace

// ---- time

bool valid_on(const std::optional<Date>& from, const std::optional<Date>& to, Date day) {
    return (!from || *from <= day) && (!to || day <= *to);
}

// ---- names

namespace {
constexpr geo::EnumNames<LayerKind, 2> kLayerKindNames{{{{LayerKind::Area, "area"}, {LayerKind::Line, "line"}}}};
constexpr geo::EnumNames<Mode, 2> kModeNames{{{{Mode::Sole, "sole"}, {Mode::Shared, "shared"}}}};
constexpr geo::EnumNames<TerritoryMode, 3> kTerritoryModeNames{{{{TerritoryMode::Always, "always"},
                                                                {TerritoryMode::Fallback, "fallback"},
                                                                {TerritoryMode::FromCategory, "category"}}}};
}  // namespace

std::string_view to_string(LayerKind kind) { return kLayerKindNames.name(kind); }
std::optional<LayerKind> parse_layer_kind(std::string_view text) { return kLayerKindNames.parse(text); }
std::string_view to_string(Mode mode) { return kModeNames.name(mode); }
std::optional<Mode> parse_mode(std::string_view text) { return kModeNames.parse(text); }
std::string_view to_string(TerritoryMode mode) { return kTerritoryModeNames.name(mode); }
std::optional<TerritoryMode> parse_territory_mode(std::string_view text) { return kTerritoryModeNames.parse(text); }

// ---- rules

const Rule* RuleSet::rule_for(std::string_view category) const {
    const Rule* best = nullptr;
    std::size_t best_score = 0;
    for (const auto& r : rules) {
        if (!matches(r.category, category)) continue;
        // exact > longer prefix > shorter prefix > "*"
        std::size_t score = r.category == "*" ? 1 : r.category.back() == '*' ? 1 + r.category.size() : 1000;
        if (score > best_score) {
            best = &r;
            best_score = score;
        }
    }
    return best;
}

RuleSet default_rules(std::span<const std::string> layer_names) {
    Rule r;
    r.category = "*";
    r.layers.assign(layer_names.begin(), layer_names.end());
    r.layers.emplace_back(kCategoryLayer);
    r.mode = Mode::Shared;
    r.territory = TerritoryMode::FromCategory;
    return RuleSet{"default rules", {r}};
}

void validate_rules(const RuleSet& rules, std::span<const std::string> layer_names) {
    std::set<std::string, std::less<>> known(layer_names.begin(), layer_names.end());
    std::set<std::string> patterns;
    for (std::size_t i = 0; i < rules.rules.size(); ++i) {
        const auto& r = rules.rules[i];
        std::string where = "rules[" + std::to_string(i) + "] (category " + r.category + ")";
        if (!patterns.insert(r.category).second) {
            throw InputError(SourceLocation{rules.source, {}, static_cast<long long>(i), "category", "rule"},
                             "grids: " + where + " repeats an earlier rule's category");
        }
        if (r.category.empty() || r.category.find('*') < r.category.size() - 1) {
            throw InputError(SourceLocation{rules.source, {}, static_cast<long long>(i), "category", "rule"},
                             "grids: " + where + ": a category is a code, a prefix ending in *, or *");
        }
        std::set<std::string> seen;
        for (const auto& name : r.layers) {
            if (name == kTerritory) {
                throw InputError(SourceLocation{rules.source, {}, static_cast<long long>(i), "layers", "rule"},
                                 "grids: " + where + " lists 'territory' as a layer; the territory is set with the "
                                 "'territory' key (always or fallback)");
            }
            if (name != kCategoryLayer && !known.count(name)) {
                std::string list = std::string(kCategoryLayer);
                for (const auto& k : known) list += ", " + k;
                throw InputError(SourceLocation{rules.source, {}, static_cast<long long>(i), "layers", "rule"},
                                 "grids: " + where + " names unknown layer '" + name + "' (known: " + list + ")");
            }
            if (!seen.insert(name).second) {
                throw InputError(SourceLocation{rules.source, {}, static_cast<long long>(i), "layers", "rule"},
                                 "grids: " + where + " lists layer '" + name + "' twice");
            }
        }
    }
}

// ---- resolver

struct ResponsibilityResolver::Index {
    // Per layer name: an R-tree over the bounding boxes of its features (values: feature index).
    std::map<std::string, detail::BoxTree, std::less<>> trees;
};

ResponsibilityResolver::ResponsibilityResolver(std::vector<ResponsibilityLayer> layers,
                                               std::vector<ResponsibilityFeature> features, std::vector<Owner> owners,
                                               std::vector<IssueCategory> categories, RuleSet rules, UtcOffset zone)
    : layers_(std::move(layers)),
      owners_(std::move(owners)),
      rules_(std::move(rules)),
      zone_(zone),
      index_(std::make_unique<Index>()) {
    std::vector<std::string> names;
    for (const auto& l : layers_) names.push_back(l.name);
    validate_rules(rules_, names);
    for (std::size_t i = 0; i < owners_.size(); ++i) owner_index_.emplace(owners_[i].id, i);
    catalogue_ = CategoryCatalogue(std::move(categories));
    std::set<std::string, std::less<>> known(names.begin(), names.end());
    std::map<std::string, std::vector<detail::BoxEntry>, std::less<>> entries;
    for (auto& f : features) {
        if (!known.count(f.layer)) continue;
        geo::Envelope e;
        for (const auto& polygon : f.area) {
            if (!polygon.empty()) {
                for (const auto& p : polygon.front()) e.expand(p);
            }
        }
        if (e.empty()) continue;
        // A feature may list its categories as the office writes them (道路破损, 路面破损): as codes,
        // like the issue's category, so a text means the same here as everywhere.
        for (auto& c : f.categories) {
            if (auto match = catalogue_.match(c)) c = match.category->code;
        }
        entries[f.layer].emplace_back(detail::to_box(e), features_.size());
        features_.push_back(std::move(f));
    }
    for (auto& [name, list] : entries) index_->trees.emplace(name, detail::BoxTree(list.begin(), list.end()));
}

ResponsibilityResolver::~ResponsibilityResolver() = default;
ResponsibilityResolver::ResponsibilityResolver(ResponsibilityResolver&&) noexcept = default;
ResponsibilityResolver& ResponsibilityResolver::operator=(ResponsibilityResolver&&) noexcept = default;

const Owner* ResponsibilityResolver::owner(const std::string& id) const {
    auto it = owner_index_.find(id);
    return it == owner_index_.end() ? nullptr : &owners_[it->second];
}

Resolution ResponsibilityResolver::resolve(geo::XY point, const ResolvedChain& territory, std::string_view category_text,
                                           Instant at) const {
    Resolution res;
    res.category_text = std::string(category_text);
    res.at = at;
    const Date day = at.date_in(zone_);
    // "2026-09-01 to …, not on 2026-08-31 (at 2026-08-31T23:59:00+08:00)"
    auto validity = [&](const std::optional<Date>& from, const std::optional<Date>& to) {
        auto text = [](const std::optional<Date>& d) { return d ? d->to_string() : std::string("…"); };
        return " is valid " + text(from) + " to " + text(to) + ", not on " + day.to_string() + " (at " +
               at.to_text(zone_) + ")";
    };
    const CategoryMatch match = catalogue_.match(category_text);
    const IssueCategory* cat = match.category;
    res.category_match = match.how;
    if (cat) {
        res.category = cat->code;
        res.deadline_hours = cat->deadline_hours;
    }
    const bool unrecognised = res.category_unrecognised();
    if (unrecognised) {
        res.notes.push_back("category '" + res.category_text +
                            "' is not recognised (no code, name or alias of the catalogue matches it): 属地兜底, the "
                            "territory answers");
    }
    const std::string_view category_code = res.category;
    res.rule = rules_.rule_for(category_code.empty() ? std::string_view("*") : category_code);
    const std::string rule_head = rules_.source + ": " +
                                  (res.rule ? "category " + res.rule->category + " (" + std::string(to_string(res.rule->mode)) + ")"
                                            : std::string("no rule"));

    // Why an owner cannot answer at `at`, or "" when it can.
    auto unusable = [&](const Owner* o, const std::string& id) -> std::string {
        if (!o) return "owner " + id + " is not in the roster";
        if (!o->active) return "owner " + owner_text(*o) + " is inactive";
        if (!valid_on(o->valid_from, o->valid_to, day)) {
            return "owner " + owner_text(*o) + validity(o->valid_from, o->valid_to);
        }
        return {};
    };

    if (res.rule) {
        const Rule& rule = *res.rule;
        for (const auto& layer_name : rule.layers) {
            std::vector<Answer> found;
            if (layer_name == kCategoryLayer) {
                if (!cat) {
                    // no category, or an unrecognised one (noted above): no department
                } else if (cat->department_id.empty()) {
                    res.notes.push_back("category " + cat->code + " " + cat->name + " has no department");
                } else {
                    const Owner* o = owner(cat->department_id);
                    if (auto why = unusable(o, cat->department_id); !why.empty()) {
                        res.notes.push_back("category " + cat->code + " " + cat->name + ": " + why);
                    } else {
                        found.push_back({std::string(kCategoryLayer), "department", o, cat->code + " " + cat->name,
                                         rule_head + " -> layer category -> " + cat->code + " " + cat->name +
                                             " owned by " + o->name});
                    }
                }
            } else {
                auto tree = index_->trees.find(layer_name);
                if (tree != index_->trees.end()) {
                    std::vector<detail::BoxEntry> hits;
                    tree->second.query(detail::bgi::intersects(detail::BPoint(point.x, point.y)), std::back_inserter(hits));
                    std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
                    for (const auto& [box, i] : hits) {
                        const auto& f = features_[i];
                        if (!geo::half_open_contains(f.area, point)) continue;
                        if (!f.categories.empty() &&
                            std::find(f.categories.begin(), f.categories.end(), category_code) == f.categories.end()) {
                            continue;
                        }
                        const std::string what = "layer " + layer_name + " feature '" + f.label + "'";
                        if (!valid_on(f.valid_from, f.valid_to, day)) {
                            res.notes.push_back(what + validity(f.valid_from, f.valid_to));
                            continue;
                        }
                        const Owner* o = owner(f.owner_id);
                        if (auto why = unusable(o, f.owner_id); !why.empty()) {
                            res.notes.push_back(what + ": " + why);
                            continue;
                        }
                        found.push_back({layer_name, layer_name, o, f.label,
                                         rule_head + " -> layer " + layer_name + " -> " +
                                             (f.label.empty() ? std::string("feature") : f.label) + " owned by " + o->name});
                        if (rule.mode == Mode::Sole) break;  // one owner answers alone
                    }
                }
            }
            if (found.empty()) continue;
            res.answers.insert(res.answers.end(), found.begin(), found.end());
            if (rule.mode == Mode::Sole) break;
        }
    }

    // The territory: always, or as the fallback when nobody else answers.
    TerritoryMode mode = res.rule ? res.rule->territory : TerritoryMode::Always;
    std::string territory_why;
    if (unrecognised) {
        mode = TerritoryMode::Always;
        territory_why = "category '" + res.category_text + "' not recognised";
    } else if (mode == TerritoryMode::FromCategory) {
        bool both = !cat || cat->territory_answers;
        mode = both ? TerritoryMode::Always : TerritoryMode::Fallback;
        territory_why = cat ? std::string("category ") + cat->code + " territory_answers=" + (both ? "1" : "0")
                            : std::string("territory answers too");
    } else {
        territory_why = std::string("territory ") + std::string(to_string(mode));
    }
    const bool others = !res.answers.empty();
    if (mode == TerritoryMode::Always || !others) {
        res.territory_listed = true;
        const std::string head = rule_head + " -> 属地兜底 (" + (others ? territory_why : territory_why + "; nobody else answers") + "): ";
        for (auto role : kTerritorialRoles) {
            const ResolvedLink* link = territory.find(role);
            const Owner* o = link ? link->owner : nullptr;
            std::string why;
            if (o) {
                why = unusable(o, o->id);
                if (!why.empty()) res.notes.push_back(std::string(to_string(role)) + ": " + why);
            }
            if (o && why.empty()) {
                res.answers.push_back({std::string(kTerritory), std::string(to_string(role)), o, "", head + link->rule});
            } else {
                res.answers.push_back({std::string(kTerritory), std::string(to_string(role)), nullptr, "",
                                       head + (why.empty() ? "nobody active fills this role" : why)});
            }
        }
    }
    return res;
}

}  // namespace respgrid::grids
