#pragma once
// File names made from data (a township's name in its map sheet's name), by one rule, so that a
// name from any county office gives a file every filesystem and every office PC accepts.

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace respgrid::exporters {

// The longest part file_name_part() returns, in bytes. A sheet's name is a code (at most 24
// bytes), '_', this part, a suffix such as "_owners.csv" and the staging suffix ".partial.csv":
// 131 bytes, under the smallest limit among the filesystems an office meets (eCryptfs: 143
// bytes; ext4, XFS, Btrfs: 255 bytes; NTFS, exFAT, APFS: 255 UTF-16 units).
inline constexpr std::size_t kMaxNamePartBytes = 80;

// `text` as a part of a file name: control characters, path separators, the characters Windows
// refuses (< > : " / \ | ? *) and bytes that are not UTF-8 become '_'; leading and trailing
// spaces and dots go (Windows drops them); a Windows device name (CON, NUL, COM1...) gets a '_'
// after it; the result is cut to `max_bytes` without splitting a UTF-8 character. Never empty.
std::string file_name_part(std::string_view text, std::size_t max_bytes = kMaxNamePartBytes);

// Names unique within one run (one output folder): a name met again gets "_2", "_3", ...
// Names are compared without ASCII case, as Windows and macOS compare them.
class UniqueFileNames {
public:
    std::string take(const std::string& name);

private:
    std::set<std::string> taken_;
};

// Excel's sheet names made from data (an owner's name on its dispatch sheet), one per `wanted`, in
// order: the characters Excel refuses ([ ] : * ? / \) and control characters become '_', leading
// and trailing apostrophes and spaces go, an empty name becomes "Sheet", "History" (reserved by
// Excel) gets a '_'; each is cut to Excel's 31 characters (UTF-16 units, never splitting a
// character) and made unique without ASCII case, as Excel compares them, by a " (2)", " (3)"...
// that still fits within the 31.
std::vector<std::string> excel_sheet_names(const std::vector<std::string>& wanted);

}  // namespace respgrid::exporters
