# Installs the build into a fresh prefix, then runs `threshold check` from there with no story
# directory given: <prefix>/games/threshold must find <prefix>/share/games/threshold/data by
# itself (BINDIR and SHAREDIR are the install directories, relative to the prefix), and read the
# compiled story.pack installed there rather than its YAML. To tell the copies apart, the test adds
# one scene to the installed YAML only: with the pack the summary does not count it; with the pack
# taken away it does (the installed YAML is read, not the source tree's data/).
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
set(pack "${PREFIX}/${SHAREDIR}/data/story.pack")
if(NOT EXISTS "${pack}")
  message(FATAL_ERROR "the compiled story is not installed: ${pack}")
endif()
file(GLOB scenes "${PREFIX}/${SHAREDIR}/data/scenes/*.yaml")
list(LENGTH scenes count)
math(EXPR with_marker "${count} + 1")
file(WRITE "${PREFIX}/${SHAREDIR}/data/scenes/zz_install_marker.yaml"
"scene: zz_install_marker
place: hallway
time: night
beats:
  - id: only
    lines:
      - The installed copy.
")
foreach(form pack yaml)
  if(form STREQUAL "yaml")
    file(REMOVE "${pack}")
    set(expected ${with_marker})
  else()
    set(expected ${count})
  endif()
  execute_process(COMMAND "${PREFIX}/${BINDIR}/threshold" check
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "installed threshold check (${form}) failed (${rc}):\n${out}\n${err}")
  endif()
  if(NOT out MATCHES "^${expected} scenes, ")
    message(FATAL_ERROR "the installed threshold did not read its own ${form} (expected ${expected} scenes):\n${out}")
  endif()
  message(STATUS "${form}: ${out}")
endforeach()
