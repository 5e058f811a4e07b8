#include "respgrid/grids/ledger_case.hpp"

#include <array>
#include <utility>

#include "respgrid/geo/enum_names.hpp"
#include "respgrid/grids/categories.hpp"

namespace respgrid::grids {

namespace {

constexpr geo::EnumNames<CaseSource, 5> kSourceNames{{{{CaseSource::Inspection, "inspection"},
                                                       {CaseSource::Public, "public"},
                                                       {CaseSource::Hotline, "hotline"},
                                                       {CaseSource::Supervision, "supervision"},
                                                       {CaseSource::Unannounced, "unannounced"}}}};
constexpr geo::EnumNames<CaseSource, 5> kSourceLabelsZh{{{{CaseSource::Inspection, "人工巡查"},
                                                          {CaseSource::Public, "群众上报"},
                                                          {CaseSource::Hotline, "12345热线"},
                                                          {CaseSource::Supervision, "督查组"},
                                                          {CaseSource::Unannounced, "第三方暗访"}}}};
// What office sheets write for a source besides the label itself.
constexpr std::pair<std::string_view, CaseSource> kSourceWords[] = {
    {"巡查", CaseSource::Inspection},        {"网格员巡查", CaseSource::Inspection}, {"日常巡查", CaseSource::Inspection},
    {"巡查发现", CaseSource::Inspection},    {"群众举报", CaseSource::Public},       {"群众反映", CaseSource::Public},
    {"市民上报", CaseSource::Public},        {"随手拍", CaseSource::Public},         {"12345", CaseSource::Hotline},
    {"热线", CaseSource::Hotline},           {"热线转办", CaseSource::Hotline},      {"12345热线转办", CaseSource::Hotline},
    {"督查", CaseSource::Supervision},       {"督导组", CaseSource::Supervision},    {"上级交办", CaseSource::Supervision},
    {"暗访", CaseSource::Unannounced},       {"第三方", CaseSource::Unannounced},    {"第三方测评", CaseSource::Unannounced},
};

constexpr geo::EnumNames<CaseOwnerRole, 5> kOwnerRoleNames{{{{CaseOwnerRole::GridWorker, "grid_worker"},
                                                             {CaseOwnerRole::Village, "village"},
                                                             {CaseOwnerRole::Township, "township"},
                                                             {CaseOwnerRole::Leader, "leader"},
                                                             {CaseOwnerRole::Department, "department"}}}};
constexpr geo::EnumNames<CaseOwnerRole, 5> kOwnerRoleLabelsZh{{{{CaseOwnerRole::GridWorker, "网格员"},
                                                                {CaseOwnerRole::Village, "村/社区"},
                                                                {CaseOwnerRole::Township, "乡镇/街道"},
                                                                {CaseOwnerRole::Leader, "包联领导"},
                                                                {CaseOwnerRole::Department, "责任部门"}}}};

constexpr geo::EnumNames<PhotoStage, 2> kPhotoStageNames{{{{PhotoStage::Before, "before"}, {PhotoStage::After, "after"}}}};

constexpr geo::EnumNames<CaseEventKind, 7> kEventKindNames{{{{CaseEventKind::Logged, "logged"},
                                                             {CaseEventKind::Dispatched, "dispatched"},
                                                             {CaseEventKind::Status, "status"},
                                                             {CaseEventKind::Escalated, "escalated"},
                                                             {CaseEventKind::Linked, "linked"},
                                                             {CaseEventKind::Unlinked, "unlinked"},
                                                             {CaseEventKind::Note, "note"}}}};

}  // namespace

std::string_view to_string(CaseSource source) { return kSourceNames.name(source); }
std::string_view label_zh(CaseSource source) { return kSourceLabelsZh.name(source); }

std::optional<CaseSource> parse_case_source(std::string_view text) {
    // The same forgiveness as category texts: spaces, full-width digits, ASCII case.
    const std::string key = category_key(text);
    if (auto s = kSourceNames.parse(key)) return s;
    if (auto s = kSourceLabelsZh.parse(key)) return s;
    for (const auto& [word, source] : kSourceWords) {
        if (word == key) return source;
    }
    return std::nullopt;
}

std::string_view to_string(CaseOwnerRole role) { return kOwnerRoleNames.name(role); }
std::string_view label_zh(CaseOwnerRole role) { return kOwnerRoleLabelsZh.name(role); }
std::optional<CaseOwnerRole> parse_case_owner_role(std::string_view text) { return kOwnerRoleNames.parse(text); }

CaseOwnerRole case_owner_role(Role role) {
    switch (role) {
        case Role::GridWorker: return CaseOwnerRole::GridWorker;
        case Role::Village: return CaseOwnerRole::Village;
        case Role::Township: return CaseOwnerRole::Township;
        case Role::Leader: return CaseOwnerRole::Leader;
    }
    return CaseOwnerRole::Village;
}

std::optional<Role> territorial_role(CaseOwnerRole role) {
    switch (role) {
        case CaseOwnerRole::GridWorker: return Role::GridWorker;
        case CaseOwnerRole::Village: return Role::Village;
        case CaseOwnerRole::Township: return Role::Township;
        case CaseOwnerRole::Leader: return Role::Leader;
        case CaseOwnerRole::Department: return std::nullopt;
    }
    return std::nullopt;
}

std::string_view to_string(PhotoStage stage) { return kPhotoStageNames.name(stage); }

std::string_view to_string(CaseEventKind kind) { return kEventKindNames.name(kind); }
std::optional<CaseEventKind> parse_case_event_kind(std::string_view text) { return kEventKindNames.parse(text); }

}  // namespace respgrid::grids
