# Shared build settings for every respgrid target.

# Warnings live in an INTERFACE target linked PRIVATE, so they apply to our sources only.
add_library(respgrid_warnings INTERFACE)
target_compile_options(respgrid_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wnull-dereference)
if(RESPGRID_WERROR)
  target_compile_options(respgrid_warnings INTERFACE -Werror)
endif()

# respgrid_add_library(<module> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# One static library per top-level folder, public headers in <folder>/include/respgrid/<module>/,
# and a namespaced alias respgrid::<module>.
function(respgrid_add_library module)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(respgrid_${module} STATIC ${ARG_SOURCES})
  add_library(respgrid::${module} ALIAS respgrid_${module})
  target_compile_features(respgrid_${module} PUBLIC cxx_std_20)
  target_include_directories(respgrid_${module}
    PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(respgrid_${module} PUBLIC ${ARG_PUBLIC_DEPS}
    PRIVATE ${ARG_PRIVATE_DEPS} respgrid_warnings)
endfunction()
