// The questionnaire's one job: turn the answers on this page into a response file.
// Nothing is sent anywhere; the person saves the file (or copies its text) and
// e-mails it back. The file's shape is read by `partnertui import`: keep it exact.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("questionnaire-data").textContent);
  var form = document.getElementById("questionnaire");
  var message = document.getElementById("message");
  var result = document.getElementById("result");
  var responseBox = document.getElementById("response");
  var copied = document.getElementById("copied");
  var fileName = document.getElementById("file-name");
  var LOW = 2;
  // An anonymous round's page is the same for everyone: this token, drawn once for
  // this page load, tells one answer from another without saying whose it is.
  var token = data.anonymous ? newToken() : null;
  if (token) data.file_name = data.file_prefix + "anonymous-" + token.slice(0, 8) + ".response.toml";

  function newToken() {
    var bytes = new Uint8Array(10);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  // Who answers, as the response file says it: a name, or a token and a chosen group
  // (the day answered is left out, as it could tell who).
  function whoLines() {
    if (!token) {
      return [
        "respondent = " + tomlString(data.respondent),
        "respondent_name = " + tomlString(data.respondent_name),
        "date = " + today()
      ];
    }
    var lines = ["response = " + tomlString(token)];
    var chosen = form.querySelector("input[name='group']:checked");
    if (chosen && chosen.value !== "") {
      lines.push("group = " + tomlString(data.groups[parseInt(chosen.value, 10)]));
    }
    return lines;
  }

  // A TOML basic string: quotes and backslashes escaped, a line break as \n, every
  // other control character as \uXXXX, so any text reads back exactly.
  function tomlString(text) {
    var out = "\"";
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      var code = text.charCodeAt(i);
      if (ch === "\"") out += "\\\"";
      else if (ch === "\\") out += "\\\\";
      else if (ch === "\n") out += "\\n";
      else if (code < 0x20 || code === 0x7f) {
        out += "\\u" + ("0000" + code.toString(16).toUpperCase()).slice(-4);
      } else out += ch;
    }
    return out + "\"";
  }

  // The day answered, as the person's own calendar says (not UTC's).
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function answers() {
    var scores = [], dontKnow = [], notes = [];
    data.ingredients.forEach(function (key) {
      var chosen = form.querySelector("input[name='" + key + "']:checked");
      if (chosen && chosen.value === "dont_know") dontKnow.push(key);
      else if (chosen) scores.push([key, parseInt(chosen.value, 10)]);
      var note = document.getElementById("note-" + key).value.replace(/\r\n?/g, "\n").trim();
      if (note) notes.push([key, note]);
    });
    return { scores: scores, dontKnow: dontKnow, notes: notes };
  }

  function responseText(given) {
    var lines = [
      "# partnertui response: send this file back to the project lead",
      "partnertui_response = 1",
      "project = " + tomlString(data.project),
      "round = " + tomlString(data.round),
      "round_code = " + tomlString(data.round_code)
    ].concat(whoLines());
    if (given.dontKnow.length) {
      lines.push("dont_know = [" + given.dontKnow.map(tomlString).join(", ") + "]");
    }
    if (given.scores.length) {
      lines.push("", "[scores]");
      given.scores.forEach(function (pair) { lines.push(pair[0] + " = " + pair[1]); });
    }
    if (given.notes.length) {
      lines.push("", "[notes]");
      given.notes.forEach(function (pair) { lines.push(pair[0] + " = " + tomlString(pair[1])); });
    }
    return lines.join("\n") + "\n";
  }

  function offerDownload(text) {
    var blob = new Blob([text], { type: "application/octet-stream" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = data.file_name;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 60000);
  }

  function make() {
    var given = answers();
    if (!given.scores.length && !given.dontKnow.length && !given.notes.length) {
      message.textContent = "Answer at least one question first.";
      return;
    }
    message.textContent = "";
    var text = responseText(given);
    responseBox.value = text;
    fileName.textContent = data.file_name;
    result.hidden = false;
    copied.textContent = "";
    try {
      offerDownload(text);
    } catch (error) {
      message.textContent = "Your browser did not save the file; copy the text below instead.";
    }
    result.scrollIntoView({ block: "start" });
    responseBox.focus();
  }

  function copy() {
    function fallback() {
      responseBox.focus();
      responseBox.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      copied.textContent = done
        ? "Copied. Paste it into an e-mail to the project lead."
        : "The text is selected: copy it (Ctrl+C, or Cmd+C on a Mac) and paste it into an e-mail.";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(responseBox.value).then(function () {
        copied.textContent = "Copied. Paste it into an e-mail to the project lead.";
      }, fallback);
    } else {
      fallback();
    }
  }

  // Beside a low score, the "why?" is asked for more clearly.
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "radio" || input.name === "group") return;
    var question = document.getElementById("q-" + input.name);
    var low = input.value !== "dont_know" && parseInt(input.value, 10) <= LOW;
    question.classList.toggle("low", low);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); make(); });
  document.getElementById("make").addEventListener("click", make);
  document.getElementById("copy").addEventListener("click", copy);
})();
