import { ok, startTestServer } from "./helpers/server";
test("dbg", async () => {
  const s = await startTestServer();
  const auth = { authorization: "Bearer test-organiser" };
  console.log(JSON.stringify(await s.gql(`mutation { createPerson(input: { name: "  " }) { id } }`, {}, auth)));
  console.log(JSON.stringify(await s.gql(`mutation { createPerson(input: { name: "李四" }) { id } }`)));
  console.log(JSON.stringify(await s.gql(`mutation { createPerson(input: { name: "李四" }) { id name namePinyin } }`, {}, auth)));
  console.log(JSON.stringify(await s.gql(`mutation { deletePerson(id: "UGVyc29uOjE=") }`, {}, auth)));
  console.log(JSON.stringify(await s.gql(`mutation { updatePerson(id: "UGVyc29uOjE=", input: { name: null }) { id } }`, {}, auth)));
  console.log(JSON.stringify(await s.gql(`mutation { updatePerson(id: "UGVyc29uOjE=", input: { employer: "T3JnYW5pc2F0aW9uOjk5" }) { id } }`, {}, auth)));
  console.log(JSON.stringify(await s.gql(`mutation { updatePerson(id: "UGVyc29uOjE=", input: { yearsOfService: 21 }) { name yearsOfService } }`, {}, auth)));
  console.log(JSON.stringify(await s.gql(`{ people(filter:{nameContains:"李四"}) { nodes { name } } }`)));
  await s.close();
});
