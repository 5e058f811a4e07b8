# Fails when a lower layer includes a higher one's headers (CMakeLists.txt):
#   geo <- grids <- importers / exporters / store <- ops <- apps
# importers, exporters and store are one level: none of them includes ops or the CLI, and geo
# and grids include no one above them. The link order catches a call; this catches an include
# of a header-only piece too.
# Usage: cmake -DROOT=<source folder> -P layering.cmake
set(bad "")
set(checked 0)
# folder;headers it must not include (regex on the path after #include)
set(rules
  "geo|respgrid/(grids|importers|exporters|store|ops)/|cli/"
  "grids|respgrid/(importers|exporters|store|ops)/|cli/"
  "importers|respgrid/(exporters|store|ops)/|cli/"
  "exporters|respgrid/(importers|store|ops)/|cli/"
  "store|respgrid/(importers|exporters|ops)/|cli/"
  "ops|cli/")
foreach(rule IN LISTS rules)
  string(FIND "${rule}" "|" bar)
  string(SUBSTRING "${rule}" 0 ${bar} folder)
  math(EXPR start "${bar} + 1")
  string(SUBSTRING "${rule}" ${start} -1 forbidden)
  file(GLOB_RECURSE files "${ROOT}/${folder}/*.hpp" "${ROOT}/${folder}/*.cpp" "${ROOT}/${folder}/*.h")
  list(LENGTH files n)
  if(n EQUAL 0)
    message(FATAL_ERROR "no source files found under ${ROOT}/${folder}")
  endif()
  math(EXPR checked "${checked} + ${n}")
  foreach(f IN LISTS files)
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](${forbidden})")
    foreach(line IN LISTS lines)
      list(APPEND bad "${f}: ${line}")
    endforeach()
  endforeach()
endforeach()
if(bad)
  list(JOIN bad "\n" text)
  message(FATAL_ERROR "a lower layer includes a higher one (geo <- grids <- importers/exporters/store <- ops <- apps):\n${text}")
endif()
message(STATUS "layering: ${checked} files checked")
