"""Keeping a person's work safe while a project file is open, in one place.

``opening`` takes a file from its path (or the list of projects) to the workbook:
someone else's lock, a file that does not exist or does not read, unsaved edits a
session left behind. ``flow`` holds the open file from then on and decides what
happens and what the person is asked: watching it (a change on disk, the file
gone, the lock taken over), saving (a change nobody has seen yet, a failed save,
save as, a read-only file), and leaving (quit, a signal, a crash). ``questions``
holds the dialogs that ask, in plain words. What is done on disk is the open
file's (:mod:`partnertui.storage.session`); the workbook is told what came of it.
"""
