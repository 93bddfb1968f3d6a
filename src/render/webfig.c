/*
 * webfig: the figure's web page.  See webfig.h.
 *
 * The script moves each item's <title> into an aria-label and a data
 * attribute when it runs, so that the browser's own tooltip does not
 * show beside ours; without the script the titles stay and do that job.
 * A flow's nodes are found by the place keys they share (data-places)
 * within the flow's panel, since ids differ from panel to panel.
 */
#include "webfig.h"

#include <stdbool.h>
#include <string.h>

static const char style[] =
    "<style>\n"
    ".ir-figure{position:relative;margin:0 auto;font-family:'Open Sans',"
    "sans-serif}\n"
    ".ir-figure svg{display:block;width:100%;height:auto}\n"
    ".ir-figure .flow,.ir-figure .node,.ir-figure .crossing{cursor:pointer;"
    "outline:none}\n"
    ".ir-figure svg.ir-focus .flow:not(.ir-on),.ir-figure svg.ir-focus "
    ".crossing:not(.ir-on){opacity:.3}\n"
    ".ir-figure .node.ir-on path{stroke:#000;stroke-width:2px}\n"
    ".ir-figure .ir-tip{position:absolute;z-index:1;pointer-events:none;"
    "transform:translate(-50%,-100%);margin-top:-12px;padding:4px 8px;"
    "border-radius:3px;background:#222;color:#fff;font-size:14px;"
    "font-weight:600;line-height:1.3;white-space:nowrap}\n"
    ".ir-figure .ir-tip[hidden]{display:none}\n"
    ".ir-figure figcaption{font-size:13px;color:#444;margin:6px 0}\n"
    "</style>\n";

static const char script[] =
    "<script>\n"
    "(function () {\n"
    "  var fig = document.currentScript.previousElementSibling;\n"
    "  var svg = fig.querySelector('svg'), tip = fig.querySelector('.ir-tip');\n"
    "  var pick = '.flow, .node, .crossing', lit = [];\n"
    "  var items = svg.querySelectorAll(pick);\n"
    "  for (var i = 0; i < items.length; i++) {\n"
    "    var t = items[i].querySelector('title');\n"
    "    if (!t) continue;\n"
    "    items[i].setAttribute('data-tip', t.textContent);\n"
    "    items[i].setAttribute('aria-label', t.textContent);\n"
    "    items[i].setAttribute('role', 'img');\n"
    "    t.parentNode.removeChild(t);\n"
    "  }\n"
    "  function hide() {\n"
    "    lit.forEach(function (e) { e.classList.remove('ir-on'); });\n"
    "    lit = [];\n"
    "    svg.classList.remove('ir-focus');\n"
    "    tip.hidden = true;\n"
    "  }\n"
    "  function show(g, x, y) {\n"
    "    hide();\n"
    "    lit.push(g);\n"
    "    if (g.classList.contains('flow')) {\n"
    "      var keys = (g.getAttribute('data-places') || '').split(' ');\n"
    "      var scope = g.closest('[id^=\"panel-\"]') || svg;\n"
    "      var nodes = scope.querySelectorAll('.node');\n"
    "      for (var k = 0; k < nodes.length; k++)\n"
    "        if (keys.indexOf(nodes[k].getAttribute('data-places')) >= 0)\n"
    "          lit.push(nodes[k]);\n"
    "    }\n"
    "    lit.forEach(function (e) { e.classList.add('ir-on'); });\n"
    "    svg.classList.add('ir-focus');\n"
    "    var f = fig.getBoundingClientRect(), b = g.getBoundingClientRect();\n"
    "    if (x === undefined) { x = b.left + b.width / 2; y = b.top; }\n"
    "    tip.textContent = g.getAttribute('data-tip') || '';\n"
    "    tip.style.left = (x - f.left) + 'px';\n"
    "    tip.style.top = (y - f.top) + 'px';\n"
    "    tip.hidden = false;\n"
    "  }\n"
    "  svg.addEventListener('mouseover', function (e) {\n"
    "    var g = e.target.closest(pick);\n"
    "    if (g) show(g, e.clientX, e.clientY); else hide();\n"
    "  });\n"
    "  svg.addEventListener('mouseleave', hide);\n"
    "  svg.addEventListener('focusin', function (e) {\n"
    "    var g = e.target.closest(pick);\n"
    "    if (g) show(g);\n"
    "  });\n"
    "  svg.addEventListener('focusout', hide);\n"
    "  document.addEventListener('keydown', function (e) {\n"
    "    if (e.key === 'Escape') hide();\n"
    "  });\n"
    "  var linked = location.hash && document.getElementById(location.hash.slice(1));\n"
    "  if (linked && linked.matches(pick)) show(linked);\n"
    "})();\n"
    "</script>\n";

int ir_webfig_write(FILE *out, ir_svgdoc *doc, double width_px,
                    const ir_webfig_text *t)
{
    const char *lang = t->language && *t->language ? t->language : "en";
    bool es = strcmp(lang, "es") == 0;
    fputs("<!DOCTYPE html>\n<html lang=\"", out);
    ir_svgdoc_escape(out, lang, strlen(lang));
    fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>", out);
    if (t->title)
        ir_svgdoc_escape(out, t->title, strlen(t->title));
    fputs("</title>\n", out);
    fputs(style, out);
    fprintf(out, "</head>\n<body>\n<figure class=\"ir-figure\" "
                 "style=\"max-width:%.0fpx\">\n", width_px);
    if (ir_svgdoc_write_element(doc, out) != 0)
        return -1;
    fputs("<div class=\"ir-tip\" role=\"status\" aria-live=\"polite\" "
          "hidden></div>\n<noscript><p>", out);
    fputs(es ? "Con los scripts desactivados, el navegador muestra el número "
               "de cada flujo al señalarlo."
             : "With scripts off, your browser shows each flow's number when "
               "you point at it.",
          out);
    fputs("</p></noscript>\n", out);
    if (t->description && *t->description) {
        fprintf(out, "<figcaption><details><summary>%s</summary><p>",
                es ? "Descripción del mapa" : "Description of the map");
        ir_svgdoc_escape(out, t->description, strlen(t->description));
        fputs("</p></details></figcaption>\n", out);
    }
    fputs("</figure>\n", out);
    fputs(script, out);
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? -1 : 0;
}
