#!/usr/bin/env python3
"""The flatpak manifest is valid JSON that builds this app: the app ID, the
command, the GNOME runtime and SDK, minimal permissions, and a meson module
built from the repository.  (Building it needs the network; see README.)"""
import json
import sys

path, app_id = sys.argv[1], sys.argv[2]
try:
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
except (OSError, json.JSONDecodeError) as e:
    sys.exit(f"{path}: not valid JSON: {e}")

problems = []
def need(cond, what):
    if not cond:
        problems.append(what)

need(m.get("id", m.get("app-id")) == app_id, f"the id is not {app_id}")
need(m.get("command") == "rehearse", "the command is not rehearse")
need(m.get("runtime") == "org.gnome.Platform", "the runtime is not org.gnome.Platform")
need(m.get("sdk") == "org.gnome.Sdk", "the SDK is not org.gnome.Sdk")
need(str(m.get("runtime-version", "")).isdigit(), "runtime-version is not a GNOME release number")
allowed = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"}
args = set(m.get("finish-args", []))
need(args == allowed, f"finish-args should be exactly {sorted(allowed)}, not {sorted(args)}")
modules = m.get("modules", [])
need(modules and isinstance(modules[-1], dict), "there is no module")
if modules and isinstance(modules[-1], dict):
    app = modules[-1]
    need(app.get("buildsystem") == "meson", "the app module is not built with meson")
    need(any(s.get("type") == "dir" and s.get("path") == ".." for s in app.get("sources", [])),
         "the app module is not built from the repository directory")
for p in problems:
    print(f"{path}: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
