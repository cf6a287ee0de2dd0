package search

import (
	"slices"
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
)

// language is how the words of one language are read: stemmed, which are
// stop words and which negate, and how a red flag's words are reduced. The
// index names it, and search.js reads queries with the same tables (see
// write).
type language struct {
	code    string
	stemmer func(string) string
	stop    map[string]bool
	neg     map[string]bool
	// lemmaEnds are endings the stemmer leaves that still make one word
	// from another (English: numb, numbness)
	lemmaEnds []string
	// comparative: a verb of change is its comparative ("weaken" is
	// "weaker"), English only
	comparative bool
	// browser: search.js has this language's stemmer; otherwise every
	// word of the index comes with its stem
	browser bool
	// question, intent, when, times and since are search.js's tables of
	// words that ask, that say the reader wants an answer ("safe"), and
	// that say when (see search.js); English's are its own
	question, intent, when, times, since string
	// spellings are other ways readers write a word, for search.js to try
	// when a query's word is not in the index: a regular expression and
	// its replacement, once each ("siatica" for "ciatica")
	spellings [][2]string
	// stemmed, keyed and flagged memoise stem, phraseKey and flagKey
	// across builds and goroutines: names, aliases, synonyms and red
	// flags' phrasings are read again on every build (serve's), and what a
	// word or a name gives never changes.
	stemmed, keyed, flagged lasting
}

var enLang = &language{code: "en", stemmer: func(w string) string { return english.Stem(w, true) },
	stop: stopWords, neg: negations, lemmaEnds: lemmaEnds, comparative: true, browser: true}

// esLang reads Spanish: Snowball's Spanish stemmer, and lay Spanish stop
// words and negations ("no puedo orinar" is "no orinar": "no" is the
// negation, "puedo" a stop word, as "can" is in English).
var esLang = &language{code: "es", stemmer: func(w string) string { return spanish.Stem(w, false) },
	stop: set(`a al ante con contra de del desde durante el la las lo los le les me mi mis mio mia se su sus
te tu tus ti un una uno unos unas y e o u en es son soy eres era fue ser estoy esta estan estas estar
estado este esto ese esa eso esos esas estos aquel muy mucho mucha muchos muchas poco poca para por que
como cuando donde cual cuales quien yo ya hay habia he ha han hemos tengo tiene tienen tener tenido puedo
puede pueden poder podria hacer hago hace algo alguien pero mas menos otra otro otros otras tambien asi
si sobre tras hasta hacia segun les nos nosotros vosotros usted ustedes ella ellas ellos el lo
quiero quieres saber bien ok vale no ni sin`),
	neg:       set(`no nunca jamas sin ni nada tampoco ningun ninguna ninguno`),
	lemmaEnds: nil,
	question:  `puedo puede pueden podria se es son esta estan debo debe deberia deberian conviene hay como que cual cuales cuando cuanto cuantos cuanta por porque donde hago hacer`,
	intent:    `seguro segura seguros seguras bueno buena buenos buenas malo mala malos malas recomendable recomendado recomendada aconsejable peligroso peligrosa perjudicial danino danina mejor mejores adecuado adecuada conveniente normal`,
	when:      `ayer hoy anoche recientemente ultimamente antier anteayer`,
	times:     `manana mananas noche noches tarde tardes dia dias semana semanas finde mes meses ano anos`,
	since:     `esta este estas estos ultima ultimo ultimas ultimos cada toda todas todo todos pasada pasado unos unas dos tres cuatro cinco varios varias hace`,
	// seseo, ceceo, b and v, a silent h, j and g, ll and y: the sounds
	// Spanish spells more than one way
	spellings: [][2]string{{"^s", "c"}, {"^c([ei])", "s$1"}, {"^z", "s"}, {"s", "c"}, {"c([ei])", "s$1"}, {"z", "c"},
		{"c([ei])", "z$1"}, {"s", "z"}, {"z", "s"}, {"b", "v"}, {"v", "b"}, {"^h", ""}, {"^([aeiou])", "h$1"},
		{"([aeiou])([aeiou])", "$1h$2"}, {"j", "g"}, {"g([ei])", "j$1"}, {"ll", "y"}, {"y", "ll"}, {"rr", "r"},
		{"([aeiou])r([aeiou])", "$1rr$2"}, {"x", "ks"}, {"ks", "x"}, {"k", "c"}, {"k", "qu"}, {"qu", "k"}}}

// languageOf returns how to read the language with the tag code ("es",
// "es-419", "en-GB"): English unless the handbook is in Spanish.
func languageOf(code string) *language {
	base, _, _ := strings.Cut(strings.ToLower(code), "-")
	if base == "es" {
		return esLang
	}
	return enLang
}

// tables are what search.js needs to read a query as the index was read:
// the stop words and negations, the lemmas' endings, and whether it has
// the stemmer (otherwise the index lists every word with its stem).
func (l *language) tables() map[string]any {
	return map[string]any{"code": l.code, "stop": joined(l.stop), "neg": joined(l.neg), "lemmaEnds": l.lemmaEnds,
		"comparative": l.comparative, "stems": l.browser, "question": l.question, "intent": l.intent,
		"when": l.when, "times": l.times, "since": l.since, "spellings": l.spellings, "strip": ""}
}

func joined(m map[string]bool) string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}
