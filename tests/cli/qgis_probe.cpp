#include "qgis_probe.hpp"

#include "run_command.hpp"

namespace respgrid::test {

nlohmann::json probe_in_qgis(const std::vector<std::string>& args, std::string& diagnostics) {
    std::vector<std::string> argv{RESPGRID_QGIS_PROBE};
    argv.insert(argv.end(), args.begin(), args.end());
    // Debian's interpreter: a python3 earlier in PATH (pyenv) has no PyQGIS.
    CommandResult r = run_program("/usr/bin/python3", argv);
    diagnostics = "exit " + std::to_string(r.exit_code) + "\n" + r.err;
    if (r.exit_code != 0) return nullptr;
    auto parsed = nlohmann::json::parse(r.out, nullptr, false);
    if (parsed.is_discarded()) {
        diagnostics += "\nnot JSON: " + r.out.substr(0, 2000);
        return nullptr;
    }
    return parsed;
}

}  // namespace respgrid::test
