"""Keeping a person's work safe while a project file is open, in one place.

``flow`` decides what happens and what the person is asked: opening a file
(someone else's lock, a file that does not exist or does not read, unsaved edits a
session left behind), watching it while it is open (a change on disk, the file
gone, the lock taken over), saving (a change nobody has seen yet, a failed save,
save as), and leaving (quit, a signal, a crash). ``questions`` holds the dialogs
that ask, in plain words. What is done on disk is the open file's
(:mod:`partnertui.storage.session`).
"""
