"""The partners' own voice: questionnaires out, responses in.

Questionnaires are written for a round and answered in a browser; the answers come
back as response files or as rows of a survey tool's CSV export. Every way in turns
into the same :class:`~partnertui.survey.answers.Answers`, checked against the
project before anything is written.
"""
