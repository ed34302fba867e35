#!/usr/bin/python3
"""rehearse --background, from outside: the real binary on a private session
bus with python3-dbusmock's notification daemon, under the test display.

  test-background.py REHEARSE GEN_HISTORY APP_ID

Started in the background over a store with due cards, Rehearse shows no
window and sends one reminder within 10 s; a second `rehearse` presents the
window in that same process and exits; closing the window leaves the process
running (reminders are on); Quit ends it.  With no notification daemon it keeps
running, silent.  Debian's python3 (python3-dbusmock) runs this."""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import dbus
import dbusmock

REHEARSE, GEN_HISTORY, APP_ID = sys.argv[1:4]
del sys.argv[1:4]
TIMEOUT = 30  # seconds: the 10 s are asserted on the clock, this only stops a hang


def wait_for(what, condition, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def visible_windows(pid):
    # --all: xdotool matches ANY condition by default, and other tests'
    # windows on this display have names too.
    found = subprocess.run(["xdotool", "search", "--all", "--onlyvisible", "--pid", str(pid), "--name", ".+"],
                           capture_output=True, text=True, check=False)
    return found.stdout.split()


class Background(dbusmock.DBusTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_session_bus()
        cls.bus = cls.get_dbus(system_bus=False)
        cls.history = tempfile.mkdtemp(prefix="rehearse-background-history-")
        subprocess.run([GEN_HISTORY, "--builtin", os.path.join(cls.history, "rehearse")], check=True,
                       stdout=subprocess.DEVNULL)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.history, ignore_errors=True)
        super().tearDownClass()

    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="rehearse-background-")
        data = os.path.join(self.home, "data")
        shutil.copytree(self.history, data)
        for stale in ("rehearse.db.lock",):
            path = os.path.join(data, "rehearse", stale)
            if os.path.exists(path):
                os.remove(path)
        config = os.path.join(self.home, "config")
        os.makedirs(os.path.join(config, "glib-2.0", "settings"))
        # Reminders on, in a settings file of this test's own: GSettings'
        # keyfile backend reads $XDG_CONFIG_HOME/glib-2.0/settings/keyfile.
        with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w", encoding="utf-8") as f:
            f.write("[io/github/rehearse/Rehearse]\nreminders=true\nquiet-hours-start=0\nquiet-hours-end=0\n")
        # G_DEBUG stays as the test run sets it (fatal-warnings): a warning
        # or a critical in the background process fails the test.
        self.env = dict(os.environ, XDG_DATA_HOME=data, XDG_CONFIG_HOME=config, GSETTINGS_BACKEND="keyfile")
        self.processes = []

    def tearDown(self):
        for p in self.processes:
            if p.poll() is None:
                p.kill()
                p.wait()
            err = p.stderr.read()
            self.assertNotRegex(err, r"-(WARNING|CRITICAL) \*\*", f"the process said:\n{err}")
        shutil.rmtree(self.home, ignore_errors=True)

    def start(self, *args):
        p = subprocess.Popen([REHEARSE, *args], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
        self.processes.append(p)
        return p

    def start_daemon(self):
        process, obj = self.spawn_server_template("notification_daemon", {}, stdout=subprocess.DEVNULL)
        self.addCleanup(lambda: (process.terminate(), process.wait()))
        return obj

    def notify_calls(self, mock):
        return [c for c in mock.GetCalls(dbus_interface="org.freedesktop.DBus.Mock") if c[1] == "Notify"]

    def activate_action(self, name):
        app = self.bus.get_object(APP_ID, "/" + APP_ID.replace(".", "/"))
        app.Activate(name, dbus.Array([], signature="v"), dbus.Dictionary({}, signature="sv"),
                     dbus_interface="org.gtk.Actions")

    def test_reminder_then_window_in_the_same_process(self):
        mock = self.start_daemon()
        started = time.monotonic()
        app = self.start("--background")
        calls = wait_for("a Notify", lambda: self.notify_calls(mock))
        self.assertLess(time.monotonic() - started, 10.0)
        title = str(calls[0][2][3])
        self.assertRegex(title, r"^\d+ cards? (is|are) due$")
        self.assertIsNone(app.poll(), "the background process ended")
        self.assertEqual(visible_windows(app.pid), [], "a window was shown in the background")

        # A second start presents the window, in the process already running.
        second = self.start()
        self.assertEqual(second.wait(timeout=TIMEOUT), 0)
        wait_for("the window", lambda: visible_windows(app.pid))
        # One reminder, not one per check.
        self.assertEqual(len(self.notify_calls(mock)), 1)

        # The window has the focus: the reminder goes, what it shows is seen.
        window = visible_windows(app.pid)[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False)
        wait_for("the reminder withdrawn", lambda: [c for c in mock.GetCalls(dbus_interface="org.freedesktop.DBus.Mock")
                                                    if c[1] == "CloseNotification"])

        # Closing the window leaves it running; Quit ends it.
        # Typed as a keyboard would (XTEST) into the focused window: keys sent
        # to a window id would lose their release when the window goes, and
        # leave the next test's display with Ctrl held down.
        subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False)
        subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+w"], check=False)
        wait_for("the window to close", lambda: not visible_windows(app.pid))
        time.sleep(1)
        self.assertIsNone(app.poll(), "closing the window ended the background process")
        self.activate_action("quit")
        self.assertEqual(app.wait(timeout=TIMEOUT), 0)

    def test_second_background_start_adds_nothing(self):
        self.start_daemon()
        app = self.start("--background")
        wait_for("the application on the bus",
                 lambda: self.bus.name_has_owner(APP_ID))
        # Reminders were turned on while Rehearse was not running: the login
        # entry is written at start.
        entry = os.path.join(self.env["XDG_CONFIG_HOME"], "autostart", APP_ID + ".desktop")
        wait_for("the login entry", lambda: os.path.exists(entry))
        with open(entry, encoding="utf-8") as f:
            self.assertIn(" --background\n", f.read())
        again = self.start("--background")
        self.assertEqual(again.wait(timeout=TIMEOUT), 0)
        self.assertIsNone(app.poll())
        self.assertEqual(visible_windows(app.pid), [])
        self.activate_action("quit")
        self.assertEqual(app.wait(timeout=TIMEOUT), 0)

        # Disabled by the user (as Startup Applications does), it stays so;
        # removed, it is not written again.
        disabled = "[Desktop Entry]\nType=Application\nExec=rehearse --background\nHidden=true\n" \
                   "X-Rehearse-Autostart=true\n"
        with open(entry, "w", encoding="utf-8") as f:
            f.write(disabled)
        for step in ("disabled", "removed"):
            app = self.start("--background")
            wait_for("the application on the bus", lambda: self.bus.name_has_owner(APP_ID))
            self.activate_action("quit")
            self.assertEqual(app.wait(timeout=TIMEOUT), 0)
            if step == "disabled":
                with open(entry, encoding="utf-8") as f:
                    self.assertEqual(f.read(), disabled)
                os.remove(entry)
            else:
                self.assertFalse(os.path.exists(entry))

    def test_no_notification_daemon(self):
        app = self.start("--background")
        wait_for("the application on the bus", lambda: self.bus.name_has_owner(APP_ID))
        time.sleep(2)
        self.assertIsNone(app.poll(), "without a notification daemon the process ended")
        self.activate_action("quit")
        self.assertEqual(app.wait(timeout=TIMEOUT), 0)

    def test_reminders_off(self):
        keyfile = os.path.join(self.env["XDG_CONFIG_HOME"], "glib-2.0", "settings", "keyfile")
        with open(keyfile, "w", encoding="utf-8") as f:
            f.write("[io/github/rehearse/Rehearse]\nreminders=false\n")
        app = self.start("--background")
        self.assertEqual(app.wait(timeout=TIMEOUT), 0)
        self.assertIn("Reminders are off", app.stderr.read())


if __name__ == "__main__":
    unittest.main(testRunner=unittest.TextTestRunner(stream=sys.stdout, verbosity=2))
