"""Run a program and end it the moment its first frame holding a marker word is written.

`python bench/first_frame.py MARKER -m module args...` or `... MARKER -c code`: used by
bench_startup.py under valgrind, to count the instructions a program executes until the
page a person waits for is on its way to the terminal. Textual's writer thread is wrapped
when Textual imports it (an import hook, so nothing is imported earlier than the program
itself would); nothing in the app is changed.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import runpy
import sys

WRITER = "textual.drivers._writer_thread"


class _WrapWriter(importlib.abc.MetaPathFinder):
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def find_spec(self, name, path, target=None):
        if name != WRITER:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module
        marker = self.marker

        def exec_module(module) -> None:
            load(module)
            write = module.WriterThread.write

            def write_and_stop(self, data: str) -> None:
                write(self, data)
                if marker in data:
                    os._exit(0)

            module.WriterThread.write = write_and_stop

        spec.loader.exec_module = exec_module
        return spec


def main() -> None:
    marker, how, what, *rest = sys.argv[1:]
    sys.meta_path.insert(0, _WrapWriter(marker))
    if how == "-m":
        sys.path[0] = os.getcwd()  # as `python -m` has it
        sys.argv = [what, *rest]
        runpy.run_module(what, run_name="__main__", alter_sys=True)
    else:
        sys.argv = ["-c"]
        exec(compile(what, "<string>", "exec"), {"__name__": "__main__"})


if __name__ == "__main__":
    main()
