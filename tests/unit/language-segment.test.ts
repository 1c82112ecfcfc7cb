import { describe, expect, it } from "vitest";
import { run, runtime } from "../helpers.js";
import { detectLanguage } from "../../src/stages/language.js";
import { isNavigation, segment, sentenceAt } from "../../src/stages/segment.js";

const rules = runtime().rules;

describe("language", () => {
  it("recognises French, English, Spanish, Italian and German press releases", () => {
    const samples: [string, string][] = [
      ["fra", "La Région Bretagne et la Saxe ont signé mardi un accord de coopération pour développer les échanges entre leurs universités et leurs entreprises."],
      ["eng", "The State of Louisiana and the Pays de la Loire region signed on Tuesday a memorandum of understanding to develop exchanges between their universities."],
      ["spa", "El Gobierno de Aragón y la región de Nueva Aquitania firmaron el martes un protocolo de colaboración para desarrollar los intercambios entre sus universidades."],
      ["ita", "La Regione Piemonte e la regione Alvernia-Rodano-Alpi hanno rinnovato martedì il protocollo d'intesa per sviluppare gli scambi tra le loro università."],
      ["deu", "Das Saarland und die Region Grand Est haben am Dienstag eine Absichtserklärung unterzeichnet, um den Austausch zwischen ihren Hochschulen zu entwickeln."],
    ];
    for (const [code, text] of samples) expect(detectLanguage(text, rules).code, text).toBe(code);
  });

  it("judges a short text on its French function words, and gives up on nothing", () => {
    expect(detectLanguage("Signature de la convention.", rules).code).toBe("fra");
    expect(detectLanguage("12 345 678", rules).code).toBe("und");
  });
});

describe("segment", () => {
  it("does not end a sentence after M., Mme or an initial", () => {
    const text = "Il a rencontré M. Decoster et J. Dupont. Puis Mme Morin a parlé.";
    const { sentences } = segment(text, rules);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(["Il a rencontré M. Decoster et J. Dupont.", "Puis Mme Morin a parlé."]);
  });

  it("attaches a bullet list to the sentence that introduces it, and reads footnotes", () => {
    const text = "Les domaines sont les suivants :\n  • la santé,\n  • la culture.\nFin du texte*.\n*Dans les domaines du commerce.";
    const { sentences } = segment(text, rules);
    const intro = sentences[0]!;
    expect(intro.bullets.map((b) => text.slice(sentences[b]!.start, sentences[b]!.end))).toEqual(["• la santé,", "• la culture."]);
    expect(sentences[1]!.parent).toBe(0);
    expect(sentences.at(-1)!.kind).toBe("footnote");
    expect(sentenceAt(sentences, text.indexOf("culture"))).toBe(2);
  });

  it("marks short lines without final punctuation as headings", () => {
    const { sentences } = segment("Saisir les opportunités commerciales\nLe volet commerce a été évoqué.", rules);
    expect(sentences.map((s) => s.kind)).toEqual(["heading", "text"]);
  });

  it("tokenizes with offsets and capitalisation", () => {
    const { tokens } = segment("l'Île-de-France", rules);
    expect(tokens.map((t) => [t.text, t.cap])).toEqual([["l", false], ["Île", true], ["de", false], ["France", true]]);
    expect(tokens[1]!.joinsNext).toBe(true);
  });
});

describe("page furniture and title", () => {
  it("tells a menu or a breadcrumb from a title", () => {
    expect(isNavigation("Accueil > Actualités > Attractivité & international")).toBe(true);
    expect(isNavigation("Accueil | Agenda | Économie & emploi | Contact")).toBe(true);
    expect(isNavigation("gironde.fr › Solidarités › Europe et international")).toBe(true);
    expect(isNavigation("Normandie-Québec : une coopération reconduite")).toBe(false);
    expect(isNavigation("TARN | GAILLAC")).toBe(false);
  });

  it("takes as title the longest heading above the text, not the menus, kicker, credit or dateline", () => {
    const page = [
      "Aller au contenu principal | Aller au menu | Aller à la recherche",
      "Métropole Rouen Normandie",
      "Accueil > Actualités > Attractivité & international",
      "TARN | GAILLAC | INTERNATIONAL",
      "Papier et fleuve : la Métropole signe un protocole d'entente avec Trois-Rivières",
      "Publié le 7 avril 2025",
      "Partager : Facebook | LinkedIn | Bluesky | Copier le lien",
      "Crédit photo : Métropole Rouen Normandie / A. Lefort, photographe de la Métropole",
      "Le 18 mars, la Métropole et la Ville de Trois-Rivières ont signé un protocole d'entente.",
    ].join("\n\n");
    expect(run(page).title?.text).toBe("Papier et fleuve : la Métropole signe un protocole d'entente avec Trois-Rivières");
    // a dateline line ending with a period is not the text's start
    expect(run("Basse-Terre, le 28 mars 2024.\n\nLe budget adopté, le port sort de la crise\n\nL'assemblée a adopté hier le budget.").title?.text).toBe("Le budget adopté, le port sort de la crise");
  });
});
