package search

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/kljensen/snowball/spanish"
)

// stemES is assets/stem-es.js's HandbookStemES, running in goja.
func stemES(t testing.TB) func(string) string {
	t.Helper()
	js, err := os.ReadFile(filepath.Join("..", "..", "assets", "stem-es.js"))
	if err != nil {
		t.Fatal(err)
	}
	vm := goja.New()
	if _, err := vm.RunScript("stem-es.js", string(js)); err != nil {
		t.Fatalf("stem-es.js: %v", err)
	}
	f, ok := goja.AssertFunction(vm.Get("HandbookStemES"))
	if !ok {
		t.Fatal("HandbookStemES is not a function")
	}
	return func(w string) string {
		v, err := f(goja.Undefined(), vm.ToValue(w))
		if err != nil {
			t.Fatalf("HandbookStemES(%q): %v", w, err)
		}
		return v.String()
	}
}

// compareStemES stems each word with both stemmers and fails on any
// difference, showing the first 20. It returns how many words it compared.
func compareStemES(t *testing.T, words []string) int {
	t.Helper()
	js := stemES(t)
	var diffs []string
	for _, w := range words {
		if got, want := js(w), spanish.Stem(w, false); got != want {
			diffs = append(diffs, fmt.Sprintf("%q: JS %q, Go %q", w, got, want))
		}
	}
	if len(diffs) > 0 {
		shown := diffs[:min(len(diffs), 20)]
		t.Errorf("HandbookStemES differs from spanish.Stem on %d of %d words; the first %d:\n\t%s",
			len(diffs), len(words), len(shown), strings.Join(shown, "\n\t"))
	}
	return len(words)
}

// stemESTricky are Spanish forms that take the stemmer down its less
// common paths: the conjugations of doler, dormir, orinar, sentir, poder
// and caminar, plurals, adverbs in -mente, diminutives, words of fewer
// than three letters, u after g and q, attached pronouns, y-verbs, words
// whose ñ folding made n, and the handbook's own ciatica, lumbago and
// hormigueo. All are folded, as the index's words are.
var stemESTricky = strings.Fields(`
	doler duele duelen dolia dolian dolio dolieron dolera doleria dolerian duela duelan doliendo dolido
	dolida dolidos dolor dolores dolorosa doloroso dolorosos dolorosas dolencia dolencias adolorido
	adolorida dolerme dolerle doliendome duelenme
	dormir duermo duermes duerme dormimos duermen dormia dormian dormi dormiste durmio durmieron dormire
	dormiria durmiendo dormido dormida durmiera durmiese duerma duerman dormirse dormirme durmiendose
	dormitorio adormecido adormecida adormecimiento
	orinar orino orinas orina orinamos orinan orinaba orinaban orine orinaste orinaron orinare orinaria
	orinando orinado orinada orinen orinarse orinal urinario urinaria urinarias incontinencia orinandome
	orinabamos orinasemos
	sentir siento sientes siente sentimos sienten sentia sentian senti sintio sintieron sentire sentiria
	sintiendo sentido sentida sentidos sienta sientan sintiera sintiese sentirse sentirme sentirlo
	sintiendolo sensacion sensaciones sensible sensibilidad sentimiento sentimientos
	poder puedo puedes puede podemos pueden podia podian pude pudo pudieron podre podra podria podrian
	pueda puedan pudiera pudiese pudiendo podido poderlo
	caminar camino caminas camina caminamos caminan caminaba caminaban camine caminaste caminaron
	caminare caminara caminaria caminando caminado caminata caminatas caminos caminante caminantes
	caminarlo caminandolo caminemos
	espaldas piernas rodillas vertebras discos musculos nervios lumbares cervicales dorsales caderas
	gluteos pies dedos brazos hombros articulaciones lesiones hernias fracturas ejercicios estiramientos
	medicamentos pastillas analgesicos antiinflamatorios medicos sintomas senales dias noches meses
	lentamente suavemente rapidamente especialmente generalmente normalmente completamente
	inmediatamente facilmente probablemente posiblemente realmente solamente unicamente frecuentemente
	constantemente activamente relativamente aproximadamente claramente gradualmente totalmente
	poquito poquita ratito momentito cojincito almohadita toallita pastillita pasito suavecito despacito
	dolorcito piernita espaldita bolsita calentito cerquita ahorita chiquito
	a y o e u al el la lo de en es mi tu no si ya ve va da ir ni os yo fe ti
	sigue siguen seguir seguimos siguiendo pague paguen pagues averigue averiguemos llegue lleguen
	llegues apague apaguen que quemar queme quemen quiero quieren quiza aquel aquellos quedar quedese
	quede queden paraguas agua aguantar aguante aguanten aguantemos distinguir distingue distinguen
	averiguar ambiguo guerra guia guiar pinguino verguenza arguir antiguo antiguedad
	ciatica ciaticas ciatico lumbago lumbagos hormigueo hormigueos hormiguea hormiguean hormigueante
	lumbalgia lumbalgias lumbar
	manana pequeno pequena senal sueno suenos dano danos danino anos munecas rinon rinones ciguena
	banarse bano
	haciendola diciendole dandole poniendose levantarse sentarse acostarse agacharse estirarlo doblarla
	levantandolo incorporandose
	inflamacion inflamaciones inflamatorio operacion operaciones rehabilitacion fisioterapia
	fisioterapeuta reposo actividad actividades movilidad flexibilidad estabilidad intensidad gravedad
	urgencia urgencias emergencia frecuencia tolerancia distancia resonancia paciencia tratamiento
	tratamientos cirugia radiologia traumatologia ejecucion solucion soluciones evolucion
	oyendo cayendo leyendo construyendo huyendo incluyendo contribuyendo destruyen destruya destruyo
	arguyo concluyeron distribuyamos huyais atribuye`)

// assets/stem-es.js stems every word of the Spanish edition, and the
// tricky forms, as the Go stemmer that stems the index does.
func TestStemESMatchesGo(t *testing.T) {
	seen := map[string]bool{}
	err := filepath.WalkDir(filepath.Join("..", "..", "content", "es"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		for _, w := range words(string(b)) {
			seen[w] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	content := make([]string, 0, len(seen))
	for w := range seen {
		content = append(content, w)
	}
	slices.Sort(content)
	if len(content) < 2000 {
		t.Errorf("found %d words in content/es, want the Spanish edition's (2000 or more)", len(content))
	}
	n := compareStemES(t, content)
	m := compareStemES(t, stemESTricky)
	t.Logf("compared %d words of content/es and %d tricky forms", n, m)
}

// The port follows the Go package on words no fold gives too: accented
// vowels (whose suffix lists the Go package holds), ñ and ü, capitals and
// spaces, and every ending the stemmer knows, alone and with a pronoun
// attached, after a range of beginnings. search.js folds a query before
// stemming it, so these guard the port's fidelity, not the index.
func TestStemESUnfolded(t *testing.T) {
	list := strings.Fields(`
		inflamación inflamaciónes operación contribución evolución soluciónes biología radiología
		cirugía cirugías dolía dolían dormía dormíamos orinó sintió caminó caminé podrá podría
		podríamos sentiríais durmiéramos durmiésemos haciéndola diciéndole dándole levantándolo
		poniéndose comérselo partírsela pasárselo beberéis caminéis averigüéis averigüemos pingüino
		vergüenza cigüeña mañana pequeño pequeña señal señales sueño daño dañino años muñecas riñón
		riñones bañarse baño ñu ña ñoño añadir añadiendo más sí también él mí tú qué está estás
		habéis seríamos CIÁTICA Lumbago HORMIGUEO Ñandú ÁRBOL İstanbul é ó ú ñ
	`)
	list = append(list, "  dolores  ", "\tdormir\n", "\u00a0sentir\u2003", "caminando\u0085", "\U0001F600dolor", "dolor\U0001D400es")
	n := compareStemES(t, list)

	var built []string
	starts := strings.Fields(`c tr gu qu ab ei aur u arg dol cam pu oy hu inf ent a ie ci lumb horm sent dorm orin
		pod segu averig distingu aplic ñ aé`)
	endings := strings.Fields(`selas selos sela selo las les los nos me se la le lo iéndo iendo yendo ando ándo ár ér
		ír ar er ir amientos imientos aciones amiento imiento uciones logías idades encias ancias amente adores
		adoras ución mente logía istas ismos ibles encia anzas antes ancia adora ación ables osos osas ivos ivas
		ista ismo idad icos icas ible anza ante ador able oso osa ivo iva ico ica ivamente ativamente osamente
		icamente adamente antemente ablemente iblemente abilidad icidad ividad icador icación icante ativo ativa
		ya ye yan yen yeron yo yó yas yes yais yamos iésemos iéramos iríamos eríamos aríamos ásemos áramos
		ábamos isteis iríais iremos ieseis ierais eríais eremos asteis aríais aremos íamos irías irían iréis
		ieses iesen ieron ieras ieran erías erían eréis aseis arías arían aréis arais abais íais iste iría
		irás irán imos iese iera idos idas ería erás erán aste ases asen aría arás arán aron aras aran amos
		ados adas abas aban ías ían éis áis iré irá ido ida eré erá emos ase aré ará ara ado ada aba ís ía
		ió id es en ed as an ad os a o á í ó e é`)
	pronouns := []string{"", "la", "selo"}
	for _, s := range starts {
		for _, e := range endings {
			for _, p := range pronouns {
				built = append(built, s+e+p)
			}
		}
	}
	m := compareStemES(t, built)
	t.Logf("compared %d unfolded forms and %d built from beginnings and endings", n, m)
}
