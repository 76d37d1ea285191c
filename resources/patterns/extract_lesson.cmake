# SPDX-License-Identifier: MIT
# Extracts a pattern's lesson, the code between the lines `// @lesson begin` and
# `// @lesson end` of core/patterns/ID.cpp, for the desktop app's lesson pane, so the pane
# shows the code that runs and cannot drift from it. Run at build time by ui/CMakeLists.txt:
#   cmake -DSOURCE=core/patterns/fanout.cpp -DNAME=core/patterns/fanout.cpp -DOUTPUT=fanout.cpp.txt -P extract_lesson.cmake
set(begin_marker "// @lesson begin\n")
set(end_marker "// @lesson end")
file(READ "${SOURCE}" text)
string(FIND "${text}" "${begin_marker}" begin)
string(FIND "${text}" "${end_marker}" end)
if(begin EQUAL -1 OR end EQUAL -1 OR end LESS begin)
    message(FATAL_ERROR "${NAME}: no lesson for the pattern pane: put its code between the lines "
                        "'// @lesson begin' and '// @lesson end' (docs/ARCHITECTURE.md, Adding a pattern)")
endif()
string(LENGTH "${begin_marker}" marker_length)
math(EXPR start "${begin} + ${marker_length}")
math(EXPR length "${end} - ${start}")
string(SUBSTRING "${text}" ${start} ${length} lesson)
# 1-based line numbers of the first and last lesson line in the source file
string(SUBSTRING "${text}" 0 ${start} before)
string(REGEX MATCHALL "\n" newlines "${before}")
list(LENGTH newlines first_line)
math(EXPR first_line "${first_line} + 1")
string(REGEX MATCHALL "\n" newlines "${lesson}")
list(LENGTH newlines line_count)
math(EXPR last_line "${first_line} + ${line_count} - 1")
file(WRITE "${OUTPUT}.part" "// ${NAME}, lines ${first_line}-${last_line}: the code that runs\n${lesson}")
file(RENAME "${OUTPUT}.part" "${OUTPUT}")
