# Regenerates the sample county's ledger month with data/generate_ledger.py into OUT and fails
# unless every generated file is byte-identical to the committed one in data/. The generator reads
# the committed sample county (data/*.geojson, roster, categories), so this also catches a sample
# regenerated without regenerating the ledger month.
# Usage: cmake -DPYTHON=<python with GDAL and Shapely> -DDATA=<repo>/data -DOUT=<folder> -P ledger_reproducible.cmake
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
execute_process(COMMAND "${PYTHON}" "${DATA}/generate_ledger.py" --out "${OUT}"
  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generate_ledger.py failed (${rc}):\n${err}")
endif()
set(files ledger_reports.csv ledger_updates.csv ledger_expected.csv)
foreach(f IN LISTS files)
  file(SHA256 "${OUT}/${f}" regenerated)
  file(SHA256 "${DATA}/${f}" committed)
  if(NOT regenerated STREQUAL committed)
    message(FATAL_ERROR "data/${f} differs from what generate_ledger.py produces now; regenerate and commit it")
  endif()
endforeach()
message(STATUS "all ${files} reproduced byte for byte")
