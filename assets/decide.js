// decide.js: the "Find what suits you" wizard.
//
// It plays the steps that generator/decision compiled (decide/tree.js, a
// classic script, so it works from disk): it holds no rules of its own, so
// what it shows is what the static pages under decide/ show. The path is
// kept in the address (#a=0.3.1: the answer chosen at each question), so
// Back and Forward work and a path can be bookmarked or shared. Content is
// built with text nodes only.
(function () {
  "use strict";

  var tree = null;
  var box = document.getElementById("wizard");
  var status = document.getElementById("wizard-status");
  var intro = document.getElementById("wizard-intro");
  var URGENCY = { emergency: HB_T("js.decide.urgency.emergency"), urgent: HB_T("js.decide.urgency.urgent"), soon: HB_T("js.decide.urgency.soon") };

  window.HandbookDecide = {
    load: function (data) {
      tree = data;
      if (box) {
        window.addEventListener("hashchange", function () { show(true); });
        show(false);
      }
    },
    // walk follows answers from the start and returns the step reached.
    walk: walk
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function link(href, text) {
    var a = el("a", "", text);
    a.href = href;
    return a;
  }

  function answersInHash() {
    var m = /(?:^#|&)a=([0-9.]*)/.exec(location.hash);
    if (!m || m[1] === "") return [];
    return m[1].split(".").map(Number);
  }

  function go(answers) {
    location.hash = answers.length ? "a=" + answers.join(".") : "start";
  }

  // walk returns {id, trail}: the step the answers lead to, and for each
  // question on the way its title and the answer given. Answers that do
  // not fit the tree stop the walk where they stop fitting.
  function walk(answers) {
    var id = tree.start, trail = [];
    for (var i = 0; i < answers.length; i++) {
      var st = tree.steps[id], a = st.a && st.a[answers[i]];
      if (!a) break;
      trail.push({ title: st.t, answer: a[0] });
      id = a[1];
    }
    return { id: id, trail: trail, used: trail.length };
  }

  function show(focus) {
    var answers = answersInHash();
    var at = walk(answers);
    answers = answers.slice(0, at.used);
    var st = tree.steps[at.id];
    while (box.firstChild) box.removeChild(box.firstChild);
    box.setAttribute("data-step", at.id);
    // the page's introduction is read once, before the first answer
    if (intro) intro.hidden = answers.length > 0;

    if (at.trail.length) {
      var sofar = el("details", "path-so-far");
      sofar.appendChild(el("summary", "", HB_T("js.decide.so-far", at.trail.length)));
      var ol = el("ol");
      at.trail.forEach(function (t, i) {
        var li = el("li");
        li.appendChild(el("strong", "", t.title + ": "));
        li.appendChild(document.createTextNode(t.answer + " "));
        var change = link("#a=" + answers.slice(0, i).join("."), HB_T("js.decide.change"));
        change.setAttribute("aria-label", HB_T("js.decide.change-label", t.title));
        li.appendChild(change);
        ol.appendChild(li);
      });
      sofar.appendChild(ol);
      box.appendChild(sofar);
    }

    var heading = el("h2", "wizard-heading", st.q || st.t);
    heading.tabIndex = -1;
    if (st.q) {
      var total = at.trail.length + 1 + st.l - 1;
      box.appendChild(el("p", "progress", st.l > 1 ? HB_T("js.decide.progress", at.trail.length + 1, total) : HB_T("js.decide.progress-last", at.trail.length + 1)));
      box.appendChild(heading);
      if (st.h) box.appendChild(el("p", "question-help", st.h));
      var list = el("ul", "answers");
      st.a.forEach(function (a, i) {
        var li = el("li");
        var b = el("button", "answer", a[0]);
        b.type = "button";
        b.addEventListener("click", function () { go(answers.concat([i])); });
        li.appendChild(b);
        list.appendChild(li);
      });
      box.appendChild(list);
    } else {
      box.appendChild(heading);
      box.appendChild(outcome(st, at.id));
    }

    var nav = el("p", "wizard-nav");
    if (answers.length) {
      var back = el("button", "", HB_T("js.decide.previous"));
      back.type = "button";
      back.addEventListener("click", function () { go(answers.slice(0, -1)); });
      nav.appendChild(back);
      var again = el("button", "", HB_T("js.decide.start-again"));
      again.type = "button";
      again.addEventListener("click", function () { go([]); });
      nav.appendChild(again);
    }
    box.appendChild(nav);

    status.textContent = st.q ? HB_T("js.decide.status-question", at.trail.length + 1, st.q) : HB_T("js.decide.status-result", st.t);
    if (focus) heading.focus();
  }

  function outcome(st, id) {
    var sec = el("section", "outcome" + (st.o === "care" ? " urgency urgency-" + st.g : "") + (st.o === "plan" ? " plan" : ""));
    sec.setAttribute("data-step", id);
    if (st.o === "care") {
      sec.appendChild(el("p", "urgency-label", URGENCY[st.g] || ""));
      sec.appendChild(el("p", "lead")).appendChild(el("strong", "", st.x));
      if (st.f) {
        sec.appendChild(el("p", "", HB_T("js.decide.signs")));
        var ul = el("ul");
        st.f.forEach(function (f) {
          var li = el("li");
          li.appendChild(el("strong", "", f[0] + ". "));
          li.appendChild(document.createTextNode(f[1]));
          ul.appendChild(li);
        });
        sec.appendChild(ul);
      }
      if (st.p) sec.appendChild(el("p")).appendChild(link(st.p.u, HB_T("js.decide.read-while-waiting", st.p.t)));
      sec.appendChild(el("p")).appendChild(link(tree.flags, HB_T("js.decide.all-flags")));
    } else if (st.o === "page") {
      sec.appendChild(el("p", "lead", st.x));
      sec.appendChild(el("p")).appendChild(link(st.p.u, HB_T("js.decide.read", st.p.t)));
    } else {
      sec.appendChild(el("p", "lead", st.x));
      var ol = el("ol", "plan-items");
      st.n.forEach(function (it) {
        var li = el("li");
        li.appendChild(el("h3")).appendChild(link(it.u, it.t));
        li.appendChild(el("p", "", it.s));
        var dl = el("dl", "dose");
        it.d.forEach(function (row) {
          var div = el("div");
          div.appendChild(el("dt", "", row[0]));
          div.appendChild(el("dd", "", row[1]));
          dl.appendChild(div);
        });
        li.appendChild(dl);
        if (it.e) {
          var p = el("p");
          p.appendChild(el("strong", "", HB_T("js.decide.easier") + " "));
          it.e.forEach(function (e, i) {
            if (i) p.appendChild(document.createTextNode(", "));
            p.appendChild(link(e.u, e.t));
          });
          li.appendChild(p);
        }
        if (it.c) {
          var c = el("p", "care", HB_T("js.decide.care-before") + " ");
          it.c.forEach(function (x, i) {
            if (i) c.appendChild(document.createTextNode(", "));
            c.appendChild(link(x.u, x.t));
          });
          c.appendChild(document.createTextNode(HB_T("js.decide.care-after")));
          li.appendChild(c);
        }
        li.appendChild(el("p")).appendChild(link(it.f, HB_T("js.decide.after-try")));
        ol.appendChild(li);
      });
      sec.appendChild(ol);
    }
    return sec;
  }
})();
