#!/usr/bin/env python3
"""Deterministic generator of demo INSEE Sirene stock files for Filon.

Standard library only (Python 3.11).  A fixed seed: running it twice gives
byte-identical files.

    python3 Fixtures/generate_demo.py                  # writes Fixtures/demo and Fixtures/samples
    python3 Fixtures/generate_demo.py --companies 800 --out /tmp/fx

Files written (relative to --out, default: the directory of this script):
    demo/StockUniteLegale_demo.csv           35-column current layout, sorted by siren
    demo/StockEtablissement_demo.csv         48 columns + 6 newer columns, sorted by siret
    samples/StockUniteLegale_sample.zip      first 200 unit rows (member StockUniteLegale_utf8.csv)
    samples/StockEtablissement_sample.zip    establishments of those 200 units (StockEtablissement_utf8.csv)
    samples/StockUniteLegale_descriptor.zip  same 200 rows, member written through a stream
                                             (local header has the data-descriptor flag, bit 3)
    samples/StockUniteLegale_33cols_lowercase.csv
                                             50 rows, old 33-column layout, header lower-cased,
                                             extra column `colonneInconnue` in the middle
    samples/StockUniteLegale_badlines.csv    20 good rows + 5 bad rows (see BADLINES_LAYOUT below)
    samples/StockUniteLegale_badlines.expected.json
    samples/not_sirene.csv                   unrelated CSV (a product list)

Every value is synthetic (names, SIRENs, addresses): only the layouts, the codes
(NAF rev. 2, catégories juridiques, tranches d'effectifs, INSEE street-type
abbreviations) and the commune table (INSEE code, postal code, name) are real.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import os
import random
import zipfile

SEED = 20261120
TODAY = dt.date(2026, 11, 20)
ZIP_DATE = (2026, 11, 1, 0, 0, 0)
ND = "[ND]"

# --------------------------------------------------------------------------------------
# Layouts (copied from /work/shared/formats/SOURCES.md section 1)
# --------------------------------------------------------------------------------------
UL_HEADER = (
    "siren,statutDiffusionUniteLegale,unitePurgeeUniteLegale,dateCreationUniteLegale,sigleUniteLegale,"
    "sexeUniteLegale,prenom1UniteLegale,prenom2UniteLegale,prenom3UniteLegale,prenom4UniteLegale,"
    "prenomUsuelUniteLegale,pseudonymeUniteLegale,identifiantAssociationUniteLegale,"
    "trancheEffectifsUniteLegale,anneeEffectifsUniteLegale,dateDernierTraitementUniteLegale,"
    "nombrePeriodesUniteLegale,categorieEntreprise,anneeCategorieEntreprise,dateDebut,"
    "etatAdministratifUniteLegale,nomUniteLegale,nomUsageUniteLegale,denominationUniteLegale,"
    "denominationUsuelle1UniteLegale,denominationUsuelle2UniteLegale,denominationUsuelle3UniteLegale,"
    "categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,nomenclatureActivitePrincipaleUniteLegale,"
    "nicSiegeUniteLegale,economieSocialeSolidaireUniteLegale,societeMissionUniteLegale,"
    "caractereEmployeurUniteLegale,activitePrincipaleNAF25UniteLegale"
).split(",")
assert len(UL_HEADER) == 35

UL_HEADER_33 = [h for h in UL_HEADER
                if h not in ("societeMissionUniteLegale", "activitePrincipaleNAF25UniteLegale")]
assert len(UL_HEADER_33) == 33

ETAB_HEADER_48 = (
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,trancheEffectifsEtablissement,"
    "anneeEffectifsEtablissement,activitePrincipaleRegistreMetiersEtablissement,"
    "dateDernierTraitementEtablissement,etablissementSiege,nombrePeriodesEtablissement,"
    "complementAdresseEtablissement,numeroVoieEtablissement,indiceRepetitionEtablissement,"
    "typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,"
    "libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,codeCommuneEtablissement,"
    "codeCedexEtablissement,libelleCedexEtablissement,codePaysEtrangerEtablissement,"
    "libellePaysEtrangerEtablissement,complementAdresse2Etablissement,numeroVoie2Etablissement,"
    "indiceRepetition2Etablissement,typeVoie2Etablissement,libelleVoie2Etablissement,"
    "codePostal2Etablissement,libelleCommune2Etablissement,libelleCommuneEtranger2Etablissement,"
    "distributionSpeciale2Etablissement,codeCommune2Etablissement,codeCedex2Etablissement,"
    "libelleCedex2Etablissement,codePaysEtranger2Etablissement,libellePaysEtranger2Etablissement,"
    "dateDebut,etatAdministratifEtablissement,enseigne1Etablissement,enseigne2Etablissement,"
    "enseigne3Etablissement,denominationUsuelleEtablissement,activitePrincipaleEtablissement,"
    "nomenclatureActivitePrincipaleEtablissement,caractereEmployeurEtablissement"
).split(",")
assert len(ETAB_HEADER_48) == 48

ETAB_HEADER_NEW = [
    "identifiantAdresseEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "dernierNumeroVoieEtablissement",
    "indiceRepetitionDernierNumeroVoieEtablissement",
    "activitePrincipaleNAF25Etablissement",
]
ETAB_HEADER = ETAB_HEADER_48 + ETAB_HEADER_NEW
assert len(ETAB_HEADER) == 54

# --------------------------------------------------------------------------------------
# Luhn (SIREN: 9 digits; SIRET: 14 digits)
# --------------------------------------------------------------------------------------


def luhn_ok(s: str) -> bool:
    if not s.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix: str) -> str:
    """Append the one check digit that makes prefix+digit Luhn-valid."""
    for c in "0123456789":
        if luhn_ok(prefix + c):
            return prefix + c
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------------------
# Communes: (INSEE code, postal code, libellé as in Sirene, latitude, longitude, weight)
# Real INSEE codes and postal codes; coordinates are approximate town centres.
# --------------------------------------------------------------------------------------
COMMUNES = [
    # Paris (arrondissements: Sirene uses the arrondissement code 751xx and "PARIS n")
    ("75101", "75001", "PARIS 1", 48.8603, 2.3477, 6),
    ("75102", "75002", "PARIS 2", 48.8683, 2.3428, 8),
    ("75103", "75003", "PARIS 3", 48.8630, 2.3601, 6),
    ("75104", "75004", "PARIS 4", 48.8543, 2.3576, 5),
    ("75105", "75005", "PARIS 5", 48.8445, 2.3497, 5),
    ("75106", "75006", "PARIS 6", 48.8491, 2.3328, 5),
    ("75108", "75008", "PARIS 8", 48.8727, 2.3125, 14),
    ("75109", "75009", "PARIS 9", 48.8770, 2.3375, 8),
    ("75110", "75010", "PARIS 10", 48.8762, 2.3607, 8),
    ("75111", "75011", "PARIS 11", 48.8590, 2.3800, 9),
    ("75112", "75012", "PARIS 12", 48.8350, 2.4210, 6),
    ("75115", "75015", "PARIS 15", 48.8400, 2.2930, 9),
    ("75116", "75016", "PARIS 16", 48.8604, 2.2620, 10),
    ("75117", "75017", "PARIS 17", 48.8873, 2.3067, 10),
    ("75118", "75018", "PARIS 18", 48.8925, 2.3484, 7),
    ("75119", "75019", "PARIS 19", 48.8871, 2.3848, 5),
    ("75120", "75020", "PARIS 20", 48.8634, 2.4011, 6),
    # Lyon and Marseille arrondissements
    ("69381", "69001", "LYON 1", 45.7676, 4.8344, 4),
    ("69382", "69002", "LYON 2", 45.7485, 4.8270, 5),
    ("69383", "69003", "LYON 3", 45.7597, 4.8496, 6),
    ("69386", "69006", "LYON 6", 45.7690, 4.8500, 5),
    ("69387", "69007", "LYON 7", 45.7456, 4.8420, 5),
    ("13201", "13001", "MARSEILLE 1", 43.2999, 5.3841, 4),
    ("13206", "13006", "MARSEILLE 6", 43.2870, 5.3810, 4),
    ("13208", "13008", "MARSEILLE 8", 43.2420, 5.3750, 5),
    ("13213", "13013", "MARSEILLE 13", 43.3500, 5.4330, 4),
    # Corsica
    ("2A004", "20000", "AJACCIO", 41.9192, 8.7386, 4),
    ("2B033", "20200", "BASTIA", 42.6973, 9.4509, 3),
    ("2A247", "20137", "PORTO-VECCHIO", 41.5911, 9.2795, 2),
    ("2B050", "20260", "CALVI", 42.5679, 8.7575, 1),
    # Overseas
    ("97101", "97139", "LES ABYMES", 16.2710, -61.5046, 2),
    ("97120", "97110", "POINTE-A-PITRE", 16.2411, -61.5331, 2),
    ("97209", "97200", "FORT-DE-FRANCE", 14.6161, -61.0588, 3),
    ("97213", "97232", "LE LAMENTIN", 14.6097, -60.9997, 1),
    ("97411", "97400", "SAINT-DENIS", -20.8823, 55.4504, 3),
    ("97416", "97410", "SAINT-PIERRE", -21.3393, 55.4781, 2),
    ("97415", "97460", "SAINT-PAUL", -21.0096, 55.2707, 2),
    ("97302", "97300", "CAYENNE", 4.9224, -52.3135, 1),
    ("97611", "97600", "MAMOUDZOU", -12.7806, 45.2279, 1),
    # Large and mid-sized cities (metropolitan France)
    ("31555", "31000", "TOULOUSE", 43.6045, 1.4442, 9),
    ("06088", "06000", "NICE", 43.7034, 7.2663, 7),
    ("06029", "06400", "CANNES", 43.5528, 7.0174, 3),
    ("06004", "06600", "ANTIBES", 43.5808, 7.1251, 2),
    ("44109", "44000", "NANTES", 47.2184, -1.5536, 8),
    ("67482", "67000", "STRASBOURG", 48.5734, 7.7521, 6),
    ("68224", "68100", "MULHOUSE", 47.7508, 7.3359, 3),
    ("57463", "57000", "METZ", 49.1193, 6.1757, 3),
    ("57672", "57100", "THIONVILLE", 49.3579, 6.1683, 1),
    ("34172", "34000", "MONTPELLIER", 43.6108, 3.8767, 7),
    ("34032", "34500", "BEZIERS", 43.3442, 3.2158, 2),
    ("33063", "33000", "BORDEAUX", 44.8378, -0.5792, 8),
    ("59350", "59000", "LILLE", 50.6292, 3.0573, 7),
    ("35238", "35000", "RENNES", 48.1173, -1.6778, 6),
    ("51454", "51100", "REIMS", 49.2583, 4.0317, 3),
    ("76351", "76600", "LE HAVRE", 49.4944, 0.1079, 3),
    ("76540", "76000", "ROUEN", 49.4432, 1.0999, 3),
    ("42218", "42000", "SAINT-ETIENNE", 45.4397, 4.3872, 3),
    ("83137", "83000", "TOULON", 43.1242, 5.9280, 3),
    ("83069", "83400", "HYERES", 43.1204, 6.1286, 1),
    ("38185", "38000", "GRENOBLE", 45.1885, 5.7245, 4),
    ("21231", "21000", "DIJON", 47.3220, 5.0415, 3),
    ("49007", "49000", "ANGERS", 47.4784, -0.5632, 3),
    ("30189", "30000", "NIMES", 43.8367, 4.3601, 3),
    ("30007", "30100", "ALES", 44.1250, 4.0810, 1),
    ("69266", "69100", "VILLEURBANNE", 45.7719, 4.8902, 3),
    ("63113", "63000", "CLERMONT-FERRAND", 45.7772, 3.0870, 3),
    ("72181", "72000", "LE MANS", 48.0061, 0.1996, 2),
    ("13001", "13100", "AIX-EN-PROVENCE", 43.5297, 5.4474, 4),
    ("13004", "13200", "ARLES", 43.6766, 4.6278, 1),
    ("29019", "29200", "BREST", 48.3904, -4.4861, 2),
    ("29232", "29000", "QUIMPER", 47.9960, -4.1025, 1),
    ("37261", "37000", "TOURS", 47.3941, 0.6848, 3),
    ("80021", "80000", "AMIENS", 49.8941, 2.2958, 2),
    ("87085", "87000", "LIMOGES", 45.8336, 1.2611, 2),
    ("74010", "74000", "ANNECY", 45.8992, 6.1294, 3),
    ("66136", "66000", "PERPIGNAN", 42.6887, 2.8948, 2),
    ("25056", "25000", "BESANCON", 47.2378, 6.0241, 2),
    ("45234", "45000", "ORLEANS", 47.9029, 1.9093, 2),
    ("14118", "14000", "CAEN", 49.1829, -0.3707, 2),
    ("54395", "54000", "NANCY", 48.6921, 6.1844, 2),
    ("92012", "92100", "BOULOGNE-BILLANCOURT", 48.8397, 2.2399, 4),
    ("92050", "92000", "NANTERRE", 48.8924, 2.2071, 3),
    ("92062", "92800", "PUTEAUX", 48.8848, 2.2385, 3),
    ("93066", "93200", "SAINT-DENIS", 48.9362, 2.3574, 3),
    ("93048", "93100", "MONTREUIL", 48.8638, 2.4485, 3),
    ("94028", "94000", "CRETEIL", 48.7904, 2.4556, 2),
    ("95018", "95100", "ARGENTEUIL", 48.9472, 2.2467, 2),
    ("78646", "78000", "VERSAILLES", 48.8049, 2.1204, 2),
    ("77288", "77000", "MELUN", 48.5421, 2.6554, 1),
    ("91228", "91000", "EVRY-COURCOURONNES", 48.6290, 2.4410, 1),
    ("86194", "86000", "POITIERS", 46.5802, 0.3404, 2),
    ("79191", "79000", "NIORT", 46.3237, -0.4588, 1),
    ("17300", "17000", "LA ROCHELLE", 46.1603, -1.1511, 2),
    ("16015", "16000", "ANGOULEME", 45.6484, 0.1562, 1),
    ("64445", "64000", "PAU", 43.2951, -0.3708, 2),
    ("64102", "64100", "BAYONNE", 43.4929, -1.4748, 2),
    ("40192", "40000", "MONT-DE-MARSAN", 43.8902, -0.4998, 1),
    ("56260", "56000", "VANNES", 47.6582, -2.7608, 1),
    ("22278", "22000", "SAINT-BRIEUC", 48.5136, -2.7603, 1),
    ("84007", "84000", "AVIGNON", 43.9493, 4.8055, 2),
    ("26362", "26000", "VALENCE", 44.9334, 4.8924, 1),
    ("73065", "73000", "CHAMBERY", 45.5646, 5.9178, 1),
    ("18033", "18000", "BOURGES", 47.0810, 2.3988, 1),
    ("10387", "10000", "TROYES", 48.2973, 4.0744, 1),
    ("62041", "62000", "ARRAS", 50.2910, 2.7775, 1),
    ("02691", "02100", "SAINT-QUENTIN", 49.8465, 3.2876, 1),
    ("60057", "60000", "BEAUVAIS", 49.4295, 2.0807, 1),
    ("08105", "08000", "CHARLEVILLE-MEZIERES", 49.7621, 4.7266, 1),
    ("88160", "88000", "EPINAL", 48.1724, 6.4496, 1),
    ("71270", "71000", "MACON", 46.3069, 4.8287, 1),
    ("03185", "03100", "MONTLUCON", 46.3401, 2.6026, 1),
    ("15014", "15000", "AURILLAC", 44.9264, 2.4397, 1),
    ("19272", "19000", "TULLE", 45.2658, 1.7722, 1),
    ("24322", "24000", "PERIGUEUX", 45.1846, 0.7214, 1),
    ("46042", "46000", "CAHORS", 44.4475, 1.4419, 1),
    ("47001", "47000", "AGEN", 44.2033, 0.6163, 1),
    ("65440", "65000", "TARBES", 43.2328, 0.0781, 1),
    ("09122", "09000", "FOIX", 42.9653, 1.6069, 1),
    ("09324", "09120", "VARILHES", 43.0459, 1.6290, 1),
    ("11069", "11000", "CARCASSONNE", 43.2130, 2.3491, 1),
    ("12202", "12000", "RODEZ", 44.3506, 2.5750, 1),
    ("81004", "81000", "ALBI", 43.9289, 2.1464, 1),
    ("82121", "82000", "MONTAUBAN", 44.0176, 1.3550, 1),
    ("32013", "32000", "AUCH", 43.6465, 0.5855, 1),
    ("05061", "05000", "GAP", 44.5594, 6.0786, 1),
    ("04070", "04000", "DIGNE-LES-BAINS", 44.0925, 6.2356, 1),
    ("48095", "48000", "MENDE", 44.5181, 3.5010, 1),
    ("07186", "07000", "PRIVAS", 44.7353, 4.5992, 1),
    ("43157", "43000", "LE PUY-EN-VELAY", 45.0434, 3.8858, 1),
    ("01053", "01000", "BOURG-EN-BRESSE", 46.2052, 5.2255, 1),
    ("39300", "39000", "LONS-LE-SAUNIER", 46.6744, 5.5558, 1),
    ("70550", "70000", "VESOUL", 47.6223, 6.1553, 1),
    ("90010", "90000", "BELFORT", 47.6380, 6.8628, 1),
    ("52121", "52000", "CHAUMONT", 48.1113, 5.1392, 1),
    ("55029", "55000", "BAR-LE-DUC", 48.7727, 5.1600, 1),
    ("89024", "89000", "AUXERRE", 47.7982, 3.5673, 1),
    ("58194", "58000", "NEVERS", 46.9908, 3.1590, 1),
    ("36044", "36000", "CHATEAUROUX", 46.8103, 1.6913, 1),
    ("41018", "41000", "BLOIS", 47.5861, 1.3359, 1),
    ("28085", "28000", "CHARTRES", 48.4439, 1.4890, 1),
    ("27229", "27000", "EVREUX", 49.0241, 1.1508, 1),
    ("61001", "61000", "ALENCON", 48.4320, 0.0912, 1),
    ("50502", "50000", "SAINT-LO", 49.1157, -1.0906, 1),
    ("53130", "53000", "LAVAL", 48.0707, -0.7734, 1),
    ("85191", "85000", "LA ROCHE-SUR-YON", 46.6705, -1.4260, 1),
    ("23096", "23000", "GUERET", 46.1716, 1.8717, 1),
]


def dept_of(code_commune: str) -> str:
    return code_commune[:3] if code_commune.startswith("97") else code_commune[:2]


def is_overseas(code_commune: str) -> bool:
    return code_commune.startswith("97")


def to_lambert93(lat: float, lon: float) -> tuple[float, float]:
    """Lambert-93 (EPSG:2154) projection of a GRS80 latitude/longitude."""
    a = 6378137.0
    f = 1 / 298.257222101
    e = math.sqrt(2 * f - f * f)

    def m(p):
        return math.cos(p) / math.sqrt(1 - (e * math.sin(p)) ** 2)

    def t(p):
        return math.tan(math.pi / 4 - p / 2) / ((1 - e * math.sin(p)) / (1 + e * math.sin(p))) ** (e / 2)

    p0, p1, p2 = (math.radians(v) for v in (46.5, 44.0, 49.0))
    l0 = math.radians(3.0)
    n = (math.log(m(p1)) - math.log(m(p2))) / (math.log(t(p1)) - math.log(t(p2)))
    big_f = m(p1) / (n * t(p1) ** n)
    r0 = a * big_f * t(p0) ** n
    p = math.radians(lat)
    r = a * big_f * t(p) ** n
    th = n * (math.radians(lon) - l0)
    return 700000 + r * math.sin(th), 6600000 + r0 - r * math.cos(th)


# --------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------
SURNAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
    "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
    "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
    "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger",
    "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Pérez", "Marchand", "Dufour", "Blanchard",
    "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Renard", "Arnaud",
    "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard",
    "Gaillard", "Lacroix", "Fabre", "Dupuis", "Olivier", "Rodriguez", "Da Silva", "Hubert", "Rivière",
    "Le Gall", "Guillaume", "Adam", "Rey", "Moulin", "Gonzalez", "Berger", "Lecomte", "Ménard", "Fleury",
    "Deschamps", "Carpentier", "Benoît", "Maillard", "Marchal", "Aubry", "Vasseur", "Le Roux", "Jacquet",
    "Collet", "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons", "Carré",
    "Breton", "Rémy", "Schneider", "Perrot", "Guyot", "Barré", "Marty", "Cousin", "N'Diaye", "D'Almeida",
    "Diallo", "Traoré", "Benali", "Haddad", "Le Bihan", "Kerouédan", "Ollivier", "Saint-Martin",
    "Dupré-Lafont", "Roussel-Duval", "Étienne", "Émery", "Lefèbvre", "Grégoire", "Bézier", "Pagès",
    "Santoni", "Casanova", "Paoli", "Ferracci", "Albertini", "Hoarau", "Payet", "Grondin", "Célestine",
    "Jean-Baptiste", "Zébina", "Mahé", "Kerhervé", "Le Goff", "Quéré", "Sévérac", "Müller", "Wagner", "Koch",
]

FIRST_F = [
    "Éléonore", "Hélène", "Gaëlle", "Maïté", "Chloé", "Léa", "Manon", "Camille", "Inès", "Zoé", "Élodie",
    "Céline", "Nathalie", "Isabelle", "Sophie", "Aurélie", "Émilie", "Clémence", "Anaïs", "Maëlle", "Noémie",
    "Océane", "Françoise", "Geneviève", "Josiane", "Marie-Claire", "Anne-Sophie", "Bénédicte", "Solène",
    "Agnès", "Mélanie", "Fatima", "Yasmine", "Aïcha", "Ophélie", "Thérèse", "Rozenn", "Nadège", "Joëlle",
    "Marie", "Julie", "Sandrine", "Valérie", "Sarah", "Laëtitia", "Chantal", "Brigitte", "Lætitia",
]
FIRST_M = [
    "François", "Jérôme", "Stéphane", "Frédéric", "Sébastien", "Éric", "Thierry", "Jean-Pierre",
    "Jean-Michel", "Pierre-Yves", "Loïc", "Noël", "Hervé", "Gaël", "Benoît", "Raphaël", "Mathéo", "Timothée",
    "Léo", "Hugo", "Lucas", "Théo", "Nicolas", "Julien", "Antoine", "Maxime", "Clément", "Rémi", "Jérémy",
    "Cédric", "Joël", "Gérald", "André", "René", "Jean", "Mohamed", "Karim", "Yanis", "Anthony", "Kévin",
    "Aurélien", "Grégoire", "Honoré", "Baptiste", "Erwan", "Yannick", "Gwenaël", "Philippe", "Laurent",
]

BRANDS = [
    "Novalys", "Kerigo", "Altéra", "Optima", "Bleu Horizon", "Argoat", "Solène", "Étoile", "Azur", "Orée",
    "Vertige", "Atlas", "Nexo", "Lumen", "Méridien", "Alizé", "Boréal", "Cèdre", "Opale", "Sirius", "Kalliste",
    "Odyssée", "Ariane", "Zéphyr", "Ébène", "Héliade", "Iroise", "Lagune", "Mistral", "Pléiade", "Rivage",
    "Sémaphore", "Tramontane", "Vauban", "Aquilon", "Calypso", "Galaxie", "Horizon", "Ilôt", "Jade",
]

PLACES = [
    "du Centre", "de la Gare", "du Port", "des Halles", "du Marché", "de la Place", "du Vieux Port",
    "de l'Église", "du Château", "des Remparts", "de la Mairie", "du Lac", "des Vignes", "du Moulin",
]

PLURALS = ["Lilas", "Tilleuls", "Acacias", "Peupliers", "Chênes", "Glycines", "Érables", "Oliviers",
           "Mimosas", "Cyprès", "Hortensias", "Platanes", "Roseaux", "Mûriers"]

# --------------------------------------------------------------------------------------
# Activities: NAF rev. 2 code -> (words used in company names, shop signs)
# All codes below are real NAF rev. 2 sub-classes (checked against the official list).
# --------------------------------------------------------------------------------------
NAF_WORDS: dict[str, tuple[list[str], list[str]]] = {
    "10.71C": (["Boulangerie", "Boulangerie Pâtisserie", "Au Fournil"],
               ["Au Fournil {d}{p}", "La Mie Dorée", "Le Pain {d}{p}", "Aux Délices, Pains et Gâteaux"]),
    "10.71D": (["Pâtisserie", "Pâtisserie Chocolaterie"], ["Les Douceurs {d}{p}", "Le Palais Sucré"]),
    "10.13B": (["Charcuterie", "Charcuterie Traiteur"], ["Maison {n}", "La Ferme {d}{p}"]),
    "96.02A": (["Coiffure", "Salon de coiffure", "Hair Studio"],
               ["L'Atelier {d}{p}", "Coiff' & Vous", "Salon « Élégance »", "Hair'Mony"]),
    "96.02B": (["Institut de beauté", "Esthétique"], ["Beauté {d}{p}", "L'Instant Zen"]),
    "56.10A": (["Restaurant", "Brasserie", "Bistrot", "Auberge"],
               ["« Chez {p} »", "Le \"Petit\" Zinc", "L'Auberge du Lac", "Le Comptoir, Bar et Cuisine"]),
    "56.10C": (["Pizzeria", "Snack", "Food Truck"], ["Pizza {p}", "Le Kiosque", "Burger & Co"]),
    "56.30Z": (["Bar", "Café"], ["Le Café des Sports", "Bar de la Place", "L'Étape"]),
    "43.22A": (["Plomberie", "Plomberie Chauffage", "Sanitaire"], ["{n} Plomberie", "Aqua Services"]),
    "43.21A": (["Électricité générale", "Électricité"], ["{n} Élec", "Volt'Âge"]),
    "43.34Z": (["Peinture", "Peinture et Décoration"], ["Couleurs {d}{p}", "L'Art du Mur"]),
    "43.32A": (["Menuiserie", "Menuiserie Agencement"], ["L'Atelier Bois", "Menuiserie {n}"]),
    "43.99C": (["Maçonnerie", "Bâtiment", "Maçonnerie Générale"], ["{n} Bâtiment"]),
    "41.20A": (["Constructions", "Maisons"], ["Maisons {n}"]),
    "43.91B": (["Couverture", "Charpente Couverture"], ["Les Toits {d}{p}"]),
    "62.01Z": (["Digital", "Software", "Tech", "Labs", "Data"], []),
    "62.02A": (["IT Consulting", "Conseil Informatique", "Systèmes"], []),
    "63.12Z": (["Web", "Médias"], []),
    "68.20A": (["Immobilier"], []),
    "68.20B": (["Patrimoine", "Immobilier"], []),
    "68.31Z": (["Immobilier", "Agence Immobilière", "Immo"], ["{n} Immobilier", "L'Agence du Centre"]),
    "68.32A": (["Gestion Immobilière", "Syndic"], []),
    "86.21Z": (["Cabinet médical"], []),
    "86.23Z": (["Cabinet dentaire"], []),
    "86.90D": (["Cabinet infirmier"], []),
    "86.90E": (["Kinésithérapie"], []),
    "47.11B": (["Épicerie", "Alimentation Générale", "Épicerie Fine"], ["L'Épicerie {d}{p}", "Chez {p}"]),
    "47.24Z": (["Confiserie"], ["Bonbons & Cie"]),
    "47.71Z": (["Boutique", "Prêt-à-porter", "Mode"], ["Boutique {p}", "L'Armoire {d}{p}"]),
    "47.73Z": (["Pharmacie"], ["Pharmacie de la Gare", "Pharmacie du Centre"]),
    "47.76Z": (["Fleurs", "Fleuriste"], ["Au Jardin {d}{p}", "Les Fleurs {d}{p}"]),
    "47.78C": (["Bazar", "Cadeaux"], ["Le Grenier"]),
    "47.91B": (["E-commerce", "Shop", "Store"], []),
    "47.25Z": (["Cave", "Cave à vins"], ["La Cave {d}{p}", "Vins, Bières et Spiritueux"]),
    "47.26Z": (["Tabac Presse", "Tabac"], ["Le Balto", "Tabac de la Mairie"]),
    "70.22Z": (["Conseil", "Consulting", "Stratégie", "Partners"], []),
    "71.11Z": (["Architecture", "Atelier d'architecture"], []),
    "71.12B": (["Ingénierie", "Bureau d'études"], []),
    "74.10Z": (["Design", "Studio"], []),
    "73.11Z": (["Communication", "Agence"], []),
    "69.20Z": (["Expertise Comptable", "Audit et Conseil"], []),
    "69.10Z": (["Avocats", "Cabinet d'avocats"], []),
    "49.32Z": (["Taxi", "Taxis"], ["Taxi {p}"]),
    "49.41B": (["Transports", "Transports et Logistique"], []),
    "53.20Z": (["Livraison", "Coursier"], []),
    "45.20A": (["Garage", "Auto", "Automobiles"], ["Garage {n}", "Garage du Centre"]),
    "55.10Z": (["Hôtel"], ["Hôtel de la Gare", "Hôtel « Le Relais »"]),
    "55.20Z": (["Gîte", "Chambres d'hôtes"], ["Le Gîte {d}{p}"]),
    "85.59A": (["Formation", "Formations"], []),
    "85.59B": (["Cours particuliers", "Soutien scolaire"], []),
    "85.51Z": (["École de danse", "Sports"], []),
    "93.13Z": (["Fitness", "Salle de sport"], ["Fit'Club", "L'Espace Forme"]),
    "81.21Z": (["Nettoyage", "Propreté"], []),
    "81.30Z": (["Paysages", "Espaces Verts", "Jardins"], ["Les Jardins {d}{p}"]),
    "88.10A": (["Services à domicile", "Aide à domicile"], []),
    "90.01Z": (["Compagnie", "Productions"], []),
    "90.03A": (["Atelier", "Création"], []),
    "74.20Z": (["Photographie", "Photo"], ["Studio {p}"]),
    "01.11Z": (["Exploitation", "Ferme"], []),
    "01.21Z": (["Domaine", "Vignobles"], []),
    "01.41Z": (["Ferme", "Élevage"], []),
    "01.50Z": (["Ferme", "Exploitation"], []),
    "11.02B": (["Domaine", "Château"], []),
    "64.20Z": (["Holding", "Financière", "Participations"], []),
    "66.22Z": (["Assurances", "Courtage"], []),
    "25.62B": (["Mécanique", "Usinage"], []),
    "16.23Z": (["Charpentes", "Bois"], []),
    "31.09B": (["Ébénisterie", "Meubles"], []),
    "46.90Z": (["Négoce", "Distribution"], []),
    "52.29A": (["Logistique", "Express"], []),
    "82.99Z": (["Services", "Multi-Services"], []),
    "75.00Z": (["Clinique vétérinaire"], []),
    "86.90B": (["Laboratoire"], []),
    "94.99Z": (["Association"], []),
    "93.12Z": (["Club"], []),
    "88.99B": (["Solidarité"], []),
    "93.29Z": (["Loisirs"], []),
    "94.91Z": (["Paroisse"], []),
    "84.11Z": (["Commune"], []),
    "01.61Z": (["Services agricoles"], []),
    "00.00Z": (["Projet"], []),
}

# Activities by family: (naf, weight)
SOLE_NAF = [
    ("53.20Z", 6), ("49.32Z", 3), ("96.02A", 6), ("96.02B", 4), ("43.22A", 4), ("43.21A", 3), ("43.34Z", 4),
    ("43.99C", 3), ("43.32A", 2), ("62.01Z", 6), ("62.02A", 4), ("70.22Z", 7), ("74.10Z", 4), ("73.11Z", 2),
    ("86.21Z", 3), ("86.90D", 3), ("86.90E", 2), ("47.91B", 5), ("47.11B", 2), ("47.71Z", 2), ("10.71C", 2),
    ("56.10A", 2), ("56.10C", 3), ("85.59A", 3), ("85.59B", 4), ("93.13Z", 1), ("81.21Z", 3), ("81.30Z", 2),
    ("88.10A", 3), ("90.01Z", 2), ("90.03A", 2), ("74.20Z", 2), ("45.20A", 1), ("68.20A", 2), ("01.11Z", 1),
    ("82.99Z", 2),
]
COMPANY_NAF = [
    ("62.01Z", 8), ("62.02A", 5), ("63.12Z", 2), ("70.22Z", 8), ("71.11Z", 2), ("71.12B", 3), ("73.11Z", 3),
    ("74.10Z", 2), ("69.20Z", 2), ("64.20Z", 6), ("66.22Z", 1), ("41.20A", 3), ("43.22A", 4), ("43.21A", 3),
    ("43.99C", 4), ("43.91B", 2), ("43.34Z", 2), ("43.32A", 2), ("10.71C", 3), ("10.71D", 1), ("10.13B", 1),
    ("56.10A", 7), ("56.10C", 3), ("56.30Z", 2), ("55.10Z", 2), ("47.11B", 2), ("47.24Z", 1), ("47.71Z", 2),
    ("47.73Z", 2), ("47.76Z", 1), ("47.78C", 1), ("47.91B", 3), ("47.25Z", 1), ("96.02A", 3), ("96.02B", 1),
    ("45.20A", 2), ("49.41B", 2), ("52.29A", 1), ("68.31Z", 3), ("68.32A", 1), ("81.21Z", 2), ("85.59A", 2),
    ("25.62B", 1), ("16.23Z", 1), ("31.09B", 1), ("46.90Z", 2), ("82.99Z", 1), ("93.13Z", 1),
]
SCI_NAF = [("68.20B", 6), ("68.20A", 3), ("68.32A", 1)]
ASSOC_NAF = [("94.99Z", 10), ("93.12Z", 4), ("88.99B", 2), ("90.01Z", 2), ("85.59B", 1), ("93.29Z", 2),
             ("85.51Z", 1), ("94.91Z", 1)]

# Companies: (categorie juridique, weight, naf table override)
COMPANY_FORMS = [
    ("5499", 35), ("5710", 45), ("6540", 12), ("5599", 2), ("5699", 1), ("5485", 2), ("5785", 1), ("5202", 2),
]
# Other forms (~5 %): (categorie juridique, weight, possible NAF codes)
OTHER_FORMS = [
    ("6533", 3, ["01.50Z", "01.41Z"]),   # GAEC
    ("6598", 3, ["01.11Z", "01.21Z"]),   # EARL
    ("6220", 1, ["82.99Z"]),             # GIE
    ("5458", 2, ["43.99C", "62.01Z"]),   # SCOP SARL
    ("6589", 2, ["86.21Z", "86.23Z"]),   # société civile de moyens
    ("6317", 1, ["01.61Z"]),             # coopérative agricole
    ("6597", 1, ["11.02B", "01.21Z"]),   # société civile d'exploitation agricole
    ("7210", 1, ["84.11Z"]),             # commune
]

# A handful of long-ceased units still carry an older nomenclature (as in the real files).
NAF_REV1_OLD = ["55.3A", "74.1G", "93.0D", "15.8C"]

STREET_TYPES = [("RUE", 50), ("AV", 12), ("BD", 6), ("PL", 5), ("CHE", 6), ("IMP", 4), ("ALL", 4), ("RTE", 6),
                ("QUAI", 2), ("QUA", 1), ("CRS", 2), ("FG", 1), ("RES", 1), ("SQ", 1), ("PASS", 1), ("LD", 2)]
STREET_NAMES = [
    "DE LA REPUBLIQUE", "DES LILAS", "VICTOR HUGO", "JEAN JAURES", "DU GENERAL DE GAULLE", "DE LA GARE",
    "DE LA PAIX", "PASTEUR", "DES ECOLES", "DU MOULIN", "DE L EGLISE", "DU 8 MAI 1945", "DU 11 NOVEMBRE 1918",
    "GAMBETTA", "DU MARECHAL FOCH", "DE VERDUN", "DES ACACIAS", "DES TILLEULS", "DU STADE", "DE LA LIBERATION",
    "JULES FERRY", "DE LA MAIRIE", "DU COMMERCE", "NATIONALE", "DES PEUPLIERS", "SAINT-MARTIN",
    "D'ESTIENNE D'ORVES", "DU PORT", "DES CHENES", "DU MARECHAL LECLERC", "DE PARIS", "DE LYON",
    "DE LA FONTAINE", "DES VIGNES", "DU CHATEAU", "ANATOLE FRANCE", "EMILE ZOLA", "DE LA LIBERTE",
    "DES ROSIERS", "DU PRESIDENT WILSON", "ARISTIDE BRIAND", "LOUIS PASTEUR", "DE BRETAGNE", "DES CAPUCINS",
    "D'ASTORG", "CONDORCET", "DES FRERES LUMIERE", "PIERRE ET MARIE CURIE", "DU FAUBOURG", "DES AUBEPINES",
]
LIEUX_DITS = ["LES GRANDS CHAMPS", "LE BOURG", "LA CROIX BLANCHE", "LES MOULINS", "LE PLAN", "LA PLAINE"]
COMPLEMENTS = [
    "BATIMENT A", "BATIMENT B", "RESIDENCE LES PINS", "ZA DU MOULIN", "ZI NORD", "2EME ETAGE",
    "CENTRE COMMERCIAL LES ARCADES", "ESCALIER C", "PARC D'ACTIVITES DES CHENES", "IMMEUBLE LE DIAMANT",
    "LOCAL 3", "ZAC DE LA GARE", "HALL 2, PORTE 4",
]

TRANCHES_COMPANY = [("NN", 24), ("", 6), ("00", 14), ("01", 20), ("02", 12), ("03", 8), ("11", 6), ("12", 4),
                    ("21", 2), ("22", 1.5), ("31", 0.6), ("32", 0.8), ("41", 0.5), ("42", 0.3), ("51", 0.2),
                    ("52", 0.1), ("53", 0.05)]
TRANCHES_SOLE = [("", 58), ("NN", 33), ("00", 4), ("01", 4), ("02", 1)]
TRANCHES_ASSOC = [("NN", 45), ("", 15), ("00", 8), ("01", 12), ("02", 8), ("03", 5), ("11", 4), ("12", 2),
                  ("21", 1)]
EMPLOYING = {"01", "02", "03", "11", "12", "21", "22", "31", "32", "41", "42", "51", "52", "53"}
TRANCHE_ORDER = ["NN", "00", "01", "02", "03", "11", "12", "21", "22", "31", "32", "41", "42", "51", "52", "53"]


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def wchoice(rng: random.Random, pairs):
    """Weighted choice over [(value, weight), ...] (deterministic for a given rng state)."""
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    acc = 0.0
    for v, w in pairs:
        acc += w
        if x < acc:
            return v
    return pairs[-1][0]


def iso(d: dt.date) -> str:
    return d.isoformat()


def rand_date(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    if hi <= lo:
        return lo
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def creation_date(rng: random.Random) -> dt.date:
    r = rng.random()
    if r < 0.22:      # last 3 months
        days = rng.randint(0, 91)
    elif r < 0.50:    # 3 to 18 months ago
        days = rng.randint(92, 548)
    else:             # 18 months ago back to 1950, skewed towards recent years
        max_days = (TODAY - dt.date(1950, 1, 1)).days
        days = 549 + int((max_days - 549) * (rng.random() ** 2.2))
    return TODAY - dt.timedelta(days=days)


def timestamp(rng: random.Random, lo: dt.date) -> str:
    """dateDernierTraitement…: a time stamp after `lo`, mostly recent, ms sometimes missing."""
    lo = max(lo, dt.date(2017, 1, 1))
    span = (TODAY - lo).days
    if span <= 0:
        d = TODAY
    else:
        d = TODAY - dt.timedelta(days=int(span * (rng.random() ** 3)))
    s = f"{d.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    return s + ".000" if rng.random() < 0.82 else s


def naf25_of(naf: str) -> str:
    """Synthetic NAF 2025 value in the shape seen in the real files (e.g. 77.39Z -> 77.39Y).
    Not a real correspondence table."""
    return naf[:5] + "Y"


def sigle_of(name: str) -> str:
    words = [w for w in name.replace("'", " ").replace("-", " ").split() if len(w) > 2 and w[0].isalpha()]
    s = "".join(w[0] for w in words[:4]).upper()
    return s if len(s) >= 2 else ""


def de(word: str) -> str:
    """French elision: "d'" before a vowel or a mute h, "de " otherwise."""
    return "d'" if word[:1].upper() in "AEIOUÉÈÊÂÎÔH" else "de "


def style(rng: random.Random, s: str) -> str:
    """Most Sirene denominations are upper case; keep about a third as typed (mixed case)."""
    return s if rng.random() < 0.3 else s.upper()


def person(rng: random.Random) -> dict:
    sexe = "F" if rng.random() < 0.46 else "M"
    pool = FIRST_F if sexe == "F" else FIRST_M
    p1 = rng.choice(pool)
    p2 = rng.choice(pool) if rng.random() < 0.45 else ""
    p3 = rng.choice(pool) if p2 and rng.random() < 0.25 else ""
    p4 = rng.choice(pool) if p3 and rng.random() < 0.2 else ""
    usuel = p2 if (p2 and rng.random() < 0.08) else p1
    nom = rng.choice(SURNAMES)
    nom_usage = rng.choice(SURNAMES) if (sexe == "F" and rng.random() < 0.18) else ""
    return {"sexe": sexe, "p1": p1, "p2": p2, "p3": p3, "p4": p4, "usuel": usuel, "nom": nom,
            "nom_usage": nom_usage}


def company_name(rng: random.Random, naf: str, cj: str, commune_name: str) -> str:
    words = NAF_WORDS.get(naf, (["Services"], []))[0]
    w = rng.choice(words)
    n1 = rng.choice(SURNAMES)
    n2 = rng.choice(SURNAMES)
    p = rng.choice(FIRST_F + FIRST_M)
    b = rng.choice(BRANDS)
    if cj == "6540" or cj == "6521":
        t = rng.choice([
            f"SCI {n1}", f"SCI des {rng.choice(PLURALS)}", f"SCI les {rng.choice(PLURALS)}",
            f"SCI {p} et {rng.choice(FIRST_F + FIRST_M)}", f"SCI {b}", f"SCI {n1}-{n2}",
            f"SCI {''.join(rng.choice('ABCDEFGHJKLMNPRSTV') for _ in range(3))}",
            f"SCI du {rng.choice(['Parc', 'Vallon', 'Clos', 'Moulin', 'Château', 'Port'])}",
        ])
        return style(rng, t)
    if cj == "7210":
        return f"COMMUNE DE {commune_name}"
    if cj in ("6533", "6598", "6597"):
        prefix = {"6533": "GAEC", "6598": "EARL", "6597": "SCEA"}[cj]
        t = rng.choice([f"{prefix} {n1}", f"{prefix} des {rng.choice(PLURALS)}", f"{prefix} du {w}",
                        f"{prefix} {n1} Père et Fils", f"{prefix} de la Ferme {n1}"])
        return style(rng, t)
    if naf == "56.10A" and rng.random() < 0.25:
        t = rng.choice([f"« Chez {p} »", "Le \"Petit\" Zinc", f"Restaurant \"Le {rng.choice(['Comptoir', 'Relais', 'Galion'])}\"",
                        f"L'Auberge {rng.choice(PLACES)}", f"Bistrot {n1}, Cuisine et Vins"])
        return style(rng, t)
    r = rng.random()
    if naf in ("62.01Z", "62.02A", "63.12Z", "70.22Z", "73.11Z", "74.10Z", "47.91B", "64.20Z"):
        if naf == "64.20Z":
            t = rng.choice([f"Holding {n1}", f"Financière {b}", f"{n1} Participations", f"{b} Invest",
                            f"Holding {p[0]}{n1[0]}{n2[0]}".upper()])
        elif r < 0.55:
            t = f"{b} {w}"
        elif r < 0.75:
            t = f"{b} {rng.choice(['Solutions', 'Technologies', 'Group', 'Partners', '& Co', 'Services'])}"
        elif r < 0.9:
            t = f"{n1}, {n2} et Associés"
        else:
            t = f"{w} {n1}"
        return style(rng, t)
    if r < 0.40:
        t = f"{w} {n1}"
    elif r < 0.52:
        t = f"{n1} et Fils"
    elif r < 0.64:
        t = f"{w} {rng.choice(PLACES)}"
    elif r < 0.74:
        t = f"L'Atelier {de(p)}{p}"
    elif r < 0.84:
        t = f"{n1}-{n2}"
    elif r < 0.92:
        t = f"{n1}, {n2} et Associés"
    else:
        t = f"{w} {b}"
    return style(rng, t)


def association_name(rng: random.Random, naf: str, commune_name: str) -> str:
    c = commune_name.title() if rng.random() < 0.4 else commune_name
    n1 = rng.choice(SURNAMES)
    t = rng.choice([
        f"Association sportive de {c}", f"Comité des fêtes de {c}", f"Amicale des sapeurs-pompiers de {c}",
        "Les Amis de la Bibliothèque", "Club de l'Amitié", f"Association des parents d'élèves de l'école {n1}",
        f"Foyer rural de {c}", f"Union sportive {c} Football", "Entraide, Solidarité et Partage",
        "Association \"Le Lien\"", "Chorale « La Clé des Chants »", "Théâtre du Grenier", "Sou des écoles",
        f"Les Randonneurs de {c}", "Compagnie des Oiseaux-Lyre", f"Tennis club de {c}",
        f"Association culturelle franco-{rng.choice(['portugaise', 'marocaine', 'allemande', 'italienne'])}",
        "Jardins partagés du Quartier", f"Judo club {c}",
    ])
    return t if rng.random() < 0.45 else t.upper()


def assoc_id(rng: random.Random, code_commune: str) -> str:
    d = dept_of(code_commune)
    if len(d) == 2:
        d = d + str(rng.randint(0, 9))
    return "W" + d + "".join(str(rng.randint(0, 9)) for _ in range(6))


# --------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------


def new_siren(rng: random.Random, used: set) -> str:
    while True:
        first = str(rng.choice([3, 4, 5, 7, 8, 9, 9, 9, 9, 8, 8, 4]))
        s = luhn_complete(first + "".join(str(rng.randint(0, 9)) for _ in range(7)))
        if s not in used:
            used.add(s)
            return s


def nic_for(siren: str, seq: int) -> str:
    """NIC = 4-digit sequence + the check digit that makes the 14-digit SIRET Luhn-valid."""
    return luhn_complete(siren + f"{seq:04d}")[9:]


def pick_family(rng: random.Random) -> str:
    return wchoice(rng, [("sole", 35), ("company", 50), ("assoc", 10), ("other", 5)])


def generate_units(n: int, rng: random.Random):
    used: set = set()
    units = []
    commune_pairs = [(c, c[5]) for c in COMMUNES]
    for i in range(n):
        fam = pick_family(rng)
        commune = wchoice(rng, commune_pairs)
        code_commune = commune[0]
        created = creation_date(rng)
        u = {
            "idx": i, "family": fam, "commune": commune, "created": created, "siren": new_siren(rng, used),
            "status": "O", "ceased": None, "impossible": None,
        }
        if fam == "sole":
            u["cj"] = "1000"
            u["naf"] = wchoice(rng, SOLE_NAF)
            u["person"] = person(rng)
        elif fam == "company":
            u["cj"] = wchoice(rng, COMPANY_FORMS)
            if u["cj"] == "6540":
                u["naf"] = wchoice(rng, SCI_NAF)
            elif u["cj"] in ("5485", "5785"):
                u["naf"] = rng.choice(["86.23Z", "69.10Z", "75.00Z", "86.21Z", "86.90B", "69.20Z"])
            elif u["cj"] == "5202":
                u["naf"] = rng.choice(["47.26Z", "47.73Z", "56.30Z"])
            else:
                u["naf"] = wchoice(rng, COMPANY_NAF)
        elif fam == "assoc":
            u["cj"] = "9260" if dept_of(code_commune) in ("57", "67", "68") else "9220"
            u["naf"] = wchoice(rng, ASSOC_NAF)
        else:
            cj, _, nafs = wchoice(rng, [((c, w, nf), w) for c, w, nf in OTHER_FORMS])
            u["cj"] = cj
            u["naf"] = rng.choice(nafs)
        # a few very recent units are not active yet
        if (TODAY - created).days < 92 and fam in ("sole", "company") and rng.random() < 0.03:
            u["naf"] = "00.00Z"
        units.append(u)

    # --- diffusion partielle: ~4 % of all units, all of them natural persons (sole traders)
    soles = [u for u in units if u["family"] == "sole"]
    for u in rng.sample(soles, min(len(soles), round(0.04 * n))):
        u["status"] = "P"

    # --- ceased units: ~12 %
    eligible = [u for u in units if (TODAY - u["created"]).days > 120 and u["cj"] != "7210"]
    for u in rng.sample(eligible, min(len(eligible), round(0.12 * n))):
        lo = u["created"] + dt.timedelta(days=30)
        # older units tend to have closed a while ago
        u["ceased"] = rand_date(rng, lo, TODAY - dt.timedelta(days=1))

    # --- impossible / unknown creation dates: exactly 3 + 2 rows (active, public companies)
    pool = [u for u in units if u["family"] == "company" and u["ceased"] is None and u["status"] == "O"
            and (TODAY - u["created"]).days > 800]
    specials = rng.sample(pool, 5)
    for u, bad in zip(specials, ["2014-12-35", "2021-02-30", "2019-13-01", "1900-01-01", "1900-01-01"]):
        u["impossible"] = bad
        # a plausible real date used for the establishment and dateDebut
        u["created"] = {"2014-12-35": dt.date(2015, 1, 1), "2021-02-30": dt.date(2021, 3, 1),
                        "2019-13-01": dt.date(2019, 1, 2)}.get(bad, dt.date(1971, 1, 1))

    # --- the SAS form exists since 1994, the SEL forms since 1992
    for u in units:
        if u["cj"] == "5710" and u["created"].year < 1994:
            u["cj"] = "5499"
        elif u["cj"] in ("5485", "5785") and u["created"].year < 1992:
            u["cj"] = "5499"

    # --- fill every column
    for u in units:
        fill_unit(u, rng)
    units.sort(key=lambda u: u["siren"])
    return units


def fill_unit(u: dict, rng: random.Random) -> None:
    fam, cj, naf = u["family"], u["cj"], u["naf"]
    created, ceased = u["created"], u["ceased"]
    commune_name = u["commune"][2]
    row = {h: "" for h in UL_HEADER}
    row["siren"] = u["siren"]
    row["statutDiffusionUniteLegale"] = u["status"]
    row["dateCreationUniteLegale"] = u["impossible"] or iso(created)

    # names
    if fam == "sole":
        pp = u["person"]
        if u["status"] == "P":
            for h in ("sexeUniteLegale", "prenom1UniteLegale", "prenom2UniteLegale", "prenom3UniteLegale",
                      "prenom4UniteLegale", "prenomUsuelUniteLegale", "pseudonymeUniteLegale", "nomUniteLegale",
                      "nomUsageUniteLegale", "denominationUniteLegale", "denominationUsuelle1UniteLegale",
                      "denominationUsuelle2UniteLegale", "denominationUsuelle3UniteLegale"):
                row[h] = ND
            u["display"] = None
        else:
            row["sexeUniteLegale"] = pp["sexe"]
            row["prenom1UniteLegale"] = pp["p1"].upper()
            row["prenom2UniteLegale"] = pp["p2"].upper()
            row["prenom3UniteLegale"] = pp["p3"].upper()
            row["prenom4UniteLegale"] = pp["p4"].upper()
            row["prenomUsuelUniteLegale"] = pp["usuel"].upper()
            row["nomUniteLegale"] = pp["nom"].upper()
            row["nomUsageUniteLegale"] = pp["nom_usage"].upper()
            if naf in ("90.01Z", "90.03A") and rng.random() < 0.3:
                row["pseudonymeUniteLegale"] = rng.choice(["L'ARTISTE", "JO LA MALICE", "MAÏTÉ SWING", "DJ ÉLÉO"])
            u["display"] = f"{row['prenomUsuelUniteLegale']} {row['nomUsageUniteLegale'] or row['nomUniteLegale']}"
    elif fam == "assoc":
        name = association_name(rng, naf, commune_name)
        row["denominationUniteLegale"] = name
        row["identifiantAssociationUniteLegale"] = assoc_id(rng, u["commune"][0])
        if rng.random() < 0.15:
            row["sigleUniteLegale"] = sigle_of(name)
        u["display"] = name
    else:
        name = company_name(rng, naf, cj, commune_name)
        row["denominationUniteLegale"] = name
        if rng.random() < 0.08 and cj not in ("7210",):
            row["sigleUniteLegale"] = sigle_of(name)
        if rng.random() < 0.10 and cj not in ("7210",):
            row["denominationUsuelle1UniteLegale"] = style(rng, rng.choice(BRANDS) + " " + rng.choice(
                NAF_WORDS.get(naf, (["Services"], []))[0]))
            if rng.random() < 0.2:
                row["denominationUsuelle2UniteLegale"] = style(rng, rng.choice(BRANDS))
        u["display"] = name

    # size
    young = (TODAY - created).days < 548
    if fam == "sole":
        tranche = wchoice(rng, TRANCHES_SOLE)
    elif fam == "assoc":
        tranche = wchoice(rng, TRANCHES_ASSOC)
    elif cj == "7210":
        tranche = rng.choice(["11", "12", "21"])
    else:
        tranche = wchoice(rng, TRANCHES_COMPANY)
        if cj in ("5599", "5699") and tranche in ("NN", "", "00", "01"):
            tranche = rng.choice(["12", "21", "22", "32", "41", "42", "51"])
        if cj == "6540" and tranche not in ("NN", ""):
            tranche = "NN" if rng.random() < 0.8 else ""
    if young and tranche not in ("NN", ""):
        tranche = rng.choice(["NN", "", tranche])
    row["trancheEffectifsUniteLegale"] = tranche
    if tranche not in ("NN", ""):
        row["anneeEffectifsUniteLegale"] = rng.choice(["2023", "2024"]) if created.year < 2023 else "2024"
    u["tranche"] = tranche
    u["annee_eff"] = row["anneeEffectifsUniteLegale"]

    # category (computed yearly by INSEE: empty for many recent units)
    if created.year <= 2023 and rng.random() < 0.9 and ceased is None:
        if tranche in ("51", "52", "53"):
            cat = "GE"
        elif tranche in ("32", "41", "42"):
            cat = "ETI"
        elif tranche in ("22", "31") and rng.random() < 0.3:
            cat = "ETI"
        else:
            cat = "PME"
        row["categorieEntreprise"] = cat
        row["anneeCategorieEntreprise"] = "2023"

    # state, periods
    old_nomenclature = False
    if ceased is not None:
        row["etatAdministratifUniteLegale"] = "C"
        row["dateDebut"] = iso(ceased)
        if ceased.year < 2008 and created.year < 2000 and rng.random() < 0.5:
            old_nomenclature = True
        if ceased.year < 1995 and rng.random() < 0.5:
            row["unitePurgeeUniteLegale"] = "true"
    else:
        row["etatAdministratifUniteLegale"] = "A"
        if created < dt.date(2008, 1, 1) and rng.random() < 0.4:
            debut = dt.date(2008, 1, 1)
        elif rng.random() < 0.6:
            debut = created
        else:
            debut = rand_date(rng, created, TODAY)
        row["dateDebut"] = iso(debut)
    periods = 1 if row["dateDebut"] == iso(created) else rng.randint(2, 9 if created.year < 2000 else 4)
    row["nombrePeriodesUniteLegale"] = str(periods)
    last = ceased or created
    row["dateDernierTraitementUniteLegale"] = timestamp(rng, last)

    # activity
    if old_nomenclature:
        u["naf"] = naf = rng.choice(NAF_REV1_OLD)
        row["activitePrincipaleUniteLegale"] = naf
        row["nomenclatureActivitePrincipaleUniteLegale"] = "NAFRev1"
    else:
        row["activitePrincipaleUniteLegale"] = naf
        row["nomenclatureActivitePrincipaleUniteLegale"] = "NAFRev2"
        if ceased is None and naf != "00.00Z" and rng.random() < 0.4:
            row["activitePrincipaleNAF25UniteLegale"] = naf25_of(naf)
    u["nomenclature"] = row["nomenclatureActivitePrincipaleUniteLegale"]
    u["naf25"] = row["activitePrincipaleNAF25UniteLegale"]

    row["categorieJuridiqueUniteLegale"] = cj
    if fam == "assoc" or cj in ("5458", "6317"):
        row["economieSocialeSolidaireUniteLegale"] = "O" if rng.random() < 0.92 else "N"
    elif created.year < 2015 and ceased is not None and rng.random() < 0.5:
        row["economieSocialeSolidaireUniteLegale"] = ""
    else:
        row["economieSocialeSolidaireUniteLegale"] = "N"
    if cj == "5710" and rng.random() < 0.03:
        row["societeMissionUniteLegale"] = "O"
    elif cj in ("5710", "5599", "5699") and rng.random() < 0.2:
        row["societeMissionUniteLegale"] = "N"
    if ceased is not None and rng.random() < 0.5:
        row["caractereEmployeurUniteLegale"] = "N"
    else:
        row["caractereEmployeurUniteLegale"] = "O" if tranche in EMPLOYING else "N"
    u["row"] = row


def street_address(rng: random.Random) -> dict:
    t = wchoice(rng, STREET_TYPES)
    a = {"complement": "", "numero": "", "indice": "", "type": t, "libelle": "", "distrib": "",
         "dernier": "", "indice_dernier": ""}
    if t == "LD":
        a["libelle"] = rng.choice(LIEUX_DITS)
    else:
        a["libelle"] = rng.choice(STREET_NAMES)
        if t == "RTE":
            a["libelle"] = rng.choice(["DE LYON", "DE PARIS", "NATIONALE", "DE LA MER", "DES CRETES"])
        if rng.random() < 0.9:
            a["numero"] = str(int(rng.triangular(1, 250, 8)))
            r = rng.random()
            if r < 0.05:
                a["indice"] = "B"
            elif r < 0.065:
                a["indice"] = "T"
            if rng.random() < 0.03:
                a["dernier"] = str(int(a["numero"]) + 2)
    if rng.random() < 0.15:
        a["complement"] = rng.choice(COMPLEMENTS)
    if rng.random() < 0.03:
        a["distrib"] = f"BP {rng.randint(1, 999)}"
    return a


def make_etab(rng: random.Random, u: dict, seq: int, siege: bool, created: dt.date,
              closed: dt.date | None) -> dict:
    siren = u["siren"]
    nic = nic_for(siren, seq)
    commune = u["commune"] if siege else wchoice(rng, [(c, c[5]) for c in COMMUNES])
    code, cp, libelle, lat, lon, _ = commune
    e = {h: "" for h in ETAB_HEADER}
    e["siren"] = siren
    e["nic"] = nic
    e["siret"] = siren + nic
    e["statutDiffusionEtablissement"] = u["status"]
    e["dateCreationEtablissement"] = iso(created)
    if siege:
        tr = u["tranche"]
    else:
        i = TRANCHE_ORDER.index(u["tranche"]) if u["tranche"] in TRANCHE_ORDER else 0
        tr = TRANCHE_ORDER[max(0, i - rng.randint(1, 3))] if i > 1 else rng.choice(["NN", ""])
    e["trancheEffectifsEtablissement"] = tr
    if tr not in ("NN", ""):
        e["anneeEffectifsEtablissement"] = u["annee_eff"] or "2024"
    e["dateDernierTraitementEtablissement"] = timestamp(rng, closed or created)
    e["etablissementSiege"] = "true" if siege else "false"
    e["nombrePeriodesEtablissement"] = str(rng.randint(1, 5) if created.year < 2020 else rng.randint(1, 2))
    a = street_address(rng)
    e["complementAdresseEtablissement"] = a["complement"]
    e["numeroVoieEtablissement"] = a["numero"]
    e["indiceRepetitionEtablissement"] = a["indice"]
    e["typeVoieEtablissement"] = a["type"]
    e["libelleVoieEtablissement"] = a["libelle"]
    e["codePostalEtablissement"] = cp
    e["libelleCommuneEtablissement"] = libelle
    e["distributionSpecialeEtablissement"] = a["distrib"]
    e["codeCommuneEtablissement"] = code
    e["dernierNumeroVoieEtablissement"] = a["dernier"]
    if not is_overseas(code) and rng.random() < 0.95:
        x, y = to_lambert93(lat, lon)
        x += rng.gauss(0, 1200)
        y += rng.gauss(0, 1200)
        e["coordonneeLambertAbscisseEtablissement"] = f"{x:.1f}"
        e["coordonneeLambertOrdonneeEtablissement"] = f"{y:.1f}"
        if a["numero"] and rng.random() < 0.85:
            e["identifiantAdresseEtablissement"] = f"{code}_{rng.randint(1, 9999):04d}_{int(a['numero']):05d}"
    if u["status"] == "P":
        for h in ("complementAdresseEtablissement", "numeroVoieEtablissement", "indiceRepetitionEtablissement",
                  "typeVoieEtablissement", "libelleVoieEtablissement", "identifiantAdresseEtablissement",
                  "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement",
                  "dernierNumeroVoieEtablissement", "indiceRepetitionDernierNumeroVoieEtablissement"):
            e[h] = ND
        e["distributionSpecialeEtablissement"] = ""
    e["dateDebut"] = iso(closed) if closed else (u["row"]["dateDebut"] if siege and u["ceased"] is None
                                                   and u["row"]["dateDebut"] >= iso(created) else iso(created))
    e["etatAdministratifEtablissement"] = "F" if closed else "A"
    signs = NAF_WORDS.get(u["naf"], ([], []))[1]
    if signs and u["status"] == "O" and rng.random() < (0.45 if u["family"] == "sole" else 0.25):
        p = u["person"]["usuel"] if u["family"] == "sole" else rng.choice(FIRST_F + FIRST_M)
        n = u["person"]["nom"] if u["family"] == "sole" else rng.choice(SURNAMES)
        sign = rng.choice(signs).format(p=p, n=n, d=de(p))
        e["enseigne1Etablissement"] = sign if rng.random() < 0.35 else sign.upper()
        if rng.random() < 0.05:
            e["enseigne2Etablissement"] = rng.choice(BRANDS).upper()
    if siege and u["row"]["denominationUsuelle1UniteLegale"] not in ("", ND) and rng.random() < 0.5:
        e["denominationUsuelleEtablissement"] = u["row"]["denominationUsuelle1UniteLegale"]
    e["activitePrincipaleEtablissement"] = u["naf"]
    e["nomenclatureActivitePrincipaleEtablissement"] = u["nomenclature"]
    e["caractereEmployeurEtablissement"] = "O" if tr in EMPLOYING else "N"
    e["activitePrincipaleNAF25Etablissement"] = u["naf25"] if not closed else ""
    return e


def generate_etabs(units: list, rng: random.Random) -> list:
    etabs = []
    for u in units:
        row = u["row"]
        seq = rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 5, 8])
        e = make_etab(rng, u, seq, True, u["created"], u["ceased"])
        row["nicSiegeUniteLegale"] = e["nic"]
        u["etabs"] = [e]
        etabs.append(e)
        if u["family"] == "company" and rng.random() < 0.15:
            lo = u["created"] + dt.timedelta(days=60)
            hi = (u["ceased"] or TODAY) - dt.timedelta(days=1)
            if hi <= lo:
                continue
            c2 = rand_date(rng, lo, hi)
            if u["ceased"] is not None:
                closed = u["ceased"]
            elif rng.random() < 0.2:
                closed = rand_date(rng, c2 + dt.timedelta(days=1), TODAY)
            else:
                closed = None
            e2 = make_etab(rng, u, seq + rng.randint(1, 20), False, c2, closed)
            u["etabs"].append(e2)
            etabs.append(e2)
    etabs.sort(key=lambda e: e["siret"])
    return etabs


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------


def csv_text(header: list, rows: list) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow([r[h] for h in header] if isinstance(r, dict) else r)
    return buf.getvalue()


def write_text(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def zip_info(name: str) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.create_system = 3
    zi.external_attr = 0o644 << 16
    return zi


def write_zip(path: str, member: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(zip_info(member), text.encode("utf-8"))
    with open(path, "wb") as f:
        f.write(buf.getvalue())


class _Unseekable:
    """A write-only stream without tell()/seek(): zipfile then writes the member with a data descriptor
    (general purpose flag bit 3) and zero CRC/sizes in the local header."""

    def __init__(self):
        self.buf = io.BytesIO()

    def write(self, b):
        return self.buf.write(b)

    def flush(self):
        pass


def write_descriptor_zip(path: str, member: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    out = _Unseekable()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        with z.open(zip_info(member), "w") as m:
            data = text.encode("utf-8")
            for i in range(0, len(data), 4096):
                m.write(data[i:i + 4096])
    raw = out.buf.getvalue()
    flags = int.from_bytes(raw[6:8], "little")
    assert raw[:4] == b"PK\x03\x04" and flags & 0x08, "data-descriptor flag not set"
    with open(path, "wb") as f:
        f.write(raw)


# --------------------------------------------------------------------------------------
# Bad-lines sample
# --------------------------------------------------------------------------------------
# Physical line numbers in samples/StockUniteLegale_badlines.csv (line 1 is the header):
#   line  7: wrong field count (34 fields instead of 35)
#   line 11: broken quoting inside a field: ..."ABC"DEF... (a quote in the middle of an unquoted
#            field / text after a closing quote)
#   line 15: SIREN fails the Luhn checksum
#   line 17: 8-digit SIREN
#   line 22: unterminated quote (a field opens with " and the quote never closes before end of
#            file); the 4 good lines 23-26 that follow must still be imported: a strict importer
#            rejects the physical line where the bad quote opened and resumes at the next line.
# All other lines (2-6, 8-10, 12-14, 16, 18-21, 23-26) are good rows: 20 good rows.
BADLINES_LAYOUT = {7: "field_count", 11: "broken_quoting", 15: "siren_luhn", 17: "siren_length",
                   22: "unterminated_quote"}
BADLINES_TOTAL_LINES = 26


def badlines_file(units: list) -> tuple[str, dict]:
    def line_of(u):
        return csv_text(UL_HEADER, [u["row"]]).split("\n", 1)[1].rstrip("\n")

    # rows 1-16 may contain quoted fields; the 4 rows after the unterminated quote and the source rows
    # of the bad lines contain no quote character at all, so the only defect is the intended one.
    no_quote = [u for u in units[316:] if '"' not in line_of(u)]
    good = units[300:316] + no_quote[:4]
    bad_sources = no_quote[4:4 + len(BADLINES_LAYOUT)]
    header_line = ",".join(UL_HEADER)
    good_lines = [line_of(u) for u in good]
    lines = [header_line]
    gi = 0
    bad_info = []
    for ln in range(2, BADLINES_TOTAL_LINES + 1):
        kind = BADLINES_LAYOUT.get(ln)
        if kind is None:
            lines.append(good_lines[gi])
            gi += 1
            continue
        src = dict(bad_sources[len(bad_info)]["row"])
        fields = [src[h] for h in UL_HEADER]
        if kind == "field_count":
            fields = fields[:-1]
            text = csv_text(fields, []).rstrip("\n")
        elif kind == "broken_quoting":
            i = UL_HEADER.index("denominationUniteLegale")
            fields[i] = "PLACEHOLDER"
            text = csv_text(fields, []).rstrip("\n").replace("PLACEHOLDER", '"ABC"DEF SARL')
        elif kind == "siren_luhn":
            s = fields[0]
            fields[0] = s[:8] + str((int(s[8]) + 1) % 10)
            assert not luhn_ok(fields[0])
            text = csv_text(fields, []).rstrip("\n")
        elif kind == "siren_length":
            fields[0] = fields[0][:8]
            text = csv_text(fields, []).rstrip("\n")
        else:  # unterminated quote
            i = UL_HEADER.index("denominationUniteLegale")
            fields[i] = "PLACEHOLDER"
            text = csv_text(fields, []).rstrip("\n").replace("PLACEHOLDER", '"BOULANGERIE DU COIN, SUITE')
        bad_info.append({"line": ln, "reason": kind, "siren": fields[0]})
        lines.append(text)
    assert gi == 20
    expected = {
        "file": "StockUniteLegale_badlines.csv",
        "generator": "Fixtures/generate_demo.py (see BADLINES_LAYOUT)",
        "header_line": 1,
        "total_physical_lines": BADLINES_TOTAL_LINES,
        "bad_lines": bad_info,
        "good_lines": [ln for ln in range(2, BADLINES_TOTAL_LINES + 1) if ln not in BADLINES_LAYOUT],
        "good_sirens": [u["siren"] for u in good],
        "counts": {"read": 25, "new": 20, "rejected": 5},
        "notes": [
            "read = data records seen (20 good + 5 bad); new = rows stored into an empty database; "
            "rejected = 5 (one per bad line).",
            "Line 11 is accepted by lenient CSV readers (Python's csv yields 'ABCDEF SARL'); a strict "
            "RFC 4180 reader must reject it.",
            "Line 22 opens a quote that never closes: an RFC 4180 reader would swallow lines 23-26 and hit "
            "end of file inside a quoted field. Expected behaviour: reject line 22 only and resume at "
            "line 23, so the 4 good rows on lines 23-26 are imported.",
        ],
    }
    return "\n".join(lines) + "\n", expected


NOT_SIRENE = """reference,designation,prix_ht,tva,stock,fournisseur
REF-0001,"Stylo bille bleu, boîte de 50",12.50,20,340,Papeterie Dupont
REF-0002,Cahier grands carreaux 96 pages,2.10,20,1250,Papeterie Dupont
REF-0003,"Agrafeuse ""Pro"" 24/6",18.90,20,42,Bureau Plus
REF-0004,Ramette papier A4 80 g,4.75,20,800,Bureau Plus
REF-0005,Classeur à levier dos 8 cm,3.40,20,215,Fournitures de l'Ouest
REF-0006,Café en grains 1 kg,14.20,5.5,60,Torréfaction Maïté
REF-0007,Thé vert bio 100 sachets,9.80,5.5,35,Les Thés d'Hélène
REF-0008,Écran 24 pouces,139.00,20,12,Informatique Services
REF-0009,"Câble USB-C, 2 m",7.90,20,150,Informatique Services
REF-0010,Lampe de bureau LED,24.50,20,28,Éclairages François
"""


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def main(argv=None) -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--companies", type=int, default=6000, help="number of legal units (default 6000, min 400)")
    ap.add_argument("--out", default=here, help="output root (default: the Fixtures directory)")
    args = ap.parse_args(argv)
    if args.companies < 400:
        ap.error("--companies must be at least 400 (the samples take rows from the first 400 units)")

    rng = random.Random(SEED)
    units = generate_units(args.companies, rng)
    etabs = generate_etabs(units, rng)

    demo = os.path.join(args.out, "demo")
    samples = os.path.join(args.out, "samples")
    write_text(os.path.join(demo, "StockUniteLegale_demo.csv"), csv_text(UL_HEADER, [u["row"] for u in units]))
    write_text(os.path.join(demo, "StockEtablissement_demo.csv"), csv_text(ETAB_HEADER, etabs))

    first = units[:200]
    ul_200 = csv_text(UL_HEADER, [u["row"] for u in first])
    sirens_200 = {u["siren"] for u in first}
    etab_200 = csv_text(ETAB_HEADER, [e for e in etabs if e["siren"] in sirens_200])
    write_zip(os.path.join(samples, "StockUniteLegale_sample.zip"), "StockUniteLegale_utf8.csv", ul_200)
    write_zip(os.path.join(samples, "StockEtablissement_sample.zip"), "StockEtablissement_utf8.csv", etab_200)
    write_descriptor_zip(os.path.join(samples, "StockUniteLegale_descriptor.zip"), "StockUniteLegale_utf8.csv",
                         ul_200)

    # old 33-column layout, lower-cased header, unknown column in the middle
    mid = len(UL_HEADER_33) // 2
    old_header = [h.lower() for h in UL_HEADER_33]
    old_header.insert(mid, "colonneInconnue")
    old_rows = []
    for k, u in enumerate(units[200:250]):
        vals = [u["row"][h] for h in UL_HEADER_33]
        vals.insert(mid, f"inconnu-{k:02d}" if k % 3 else "")
        old_rows.append(vals)
    write_text(os.path.join(samples, "StockUniteLegale_33cols_lowercase.csv"), csv_text(old_header, old_rows))

    text, expected = badlines_file(units)
    write_text(os.path.join(samples, "StockUniteLegale_badlines.csv"), text)
    write_text(os.path.join(samples, "StockUniteLegale_badlines.expected.json"),
               json.dumps(expected, ensure_ascii=False, indent=2) + "\n")
    write_text(os.path.join(samples, "not_sirene.csv"), NOT_SIRENE)

    n_ceased = sum(1 for u in units if u["ceased"])
    print(f"units={len(units)} establishments={len(etabs)} ceased={n_ceased} "
          f"partial={sum(1 for u in units if u['status'] == 'P')} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
