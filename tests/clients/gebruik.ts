// Een gebruik van de gegenereerde typen (tests/clients.sh kopieert dit naast de
// client), zodat tsc ze ook toepast: een problem met ongeldige invoer en een pagina
// gebieden, zoals een integrator ze leest.
import type { components, paths } from "./weefsel";

type Probleem = components["schemas"]["Problem"];
type Foutcode = components["schemas"]["Foutcode"];
type Gebieden =
  paths["/gebieden"]["get"]["responses"][200]["content"]["application/json"];

export function codes(p: Probleem): Foutcode[] {
  return (p.invalidParams ?? []).map((i) => i.code);
}

export function namen(pagina: Gebieden): string[] {
  return pagina.resultaten.map((g) => g.naam);
}
