#!/usr/bin/env bash
# Camel JBang for real: `camel run ... --dep=com.camelprosa:camel-prosa-stt:<version>`, as the README says, runs the
# component page's YAML route and one through kamelet:prosa-stt-action against the emulator, and the transcripts must
# be the emulator's script for the sample. The `camel` command is Camel JBang's own main class (CamelJBangMain, what
# its launcher script calls) on the classpath that pom.xml beside this script resolves: no JBang download.
#
# Needs the reactor packaged first (`mvn verify` or `mvn package -DskipTests -pl camel-prosa-stt,prosa-stt-emulator
# -am`): `camel run` resolves the --dep from this build's jars, laid out as a Maven repository under target/jbang, and
# runs with its home (so its local Maven repository and ~/.camel-jbang) there too: no snapshot in ~/.m2 (installed
# from some other checkout, which camel run would otherwise take) is used, and nothing is written to ~/.m2. What else
# camel run downloads (the component's released dependencies, camel-file, camel-kamelets) comes from Maven Central.
# MVN_ARGS (e.g. -o) is passed to the one mvn call.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
root=$PWD
version=$(sed -n 's:^    <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
work=$root/camel-prosa-stt/target/jbang
sample=$root/camel-prosa-stt-example/src/main/resources/sample
client_jar=$root/prosa-stt-client/target/prosa-stt-client-$version.jar
component_jar=$root/camel-prosa-stt/target/camel-prosa-stt-$version.jar
emulator_jar=$root/prosa-stt-emulator/target/prosa-stt-emulator-$version-all.jar
for jar in "$client_jar" "$component_jar" "$emulator_jar"; do
  [ -f "$jar" ] || { echo "run-jbang: $jar is missing: package the reactor first" >&2; exit 1; }
done

# This build's artifacts as a Maven repository; the local repository keeps downloads between runs, not our snapshots.
rm -rf "$work/repo" "$work/run" "$work/home/.m2/repository/com/camelprosa"
mkdir -p "$work/home/.m2/repository" # without it, camel run resolves into a new /tmp/<uuid> each time
lay() { # groupId-path artifactId pom [jar]
  local dir="$work/repo/$1/$2/$version"
  mkdir -p "$dir"
  cp "$3" "$dir/$2-$version.pom"
  if [ $# -gt 3 ]; then cp "$4" "$dir/$2-$version.jar"; fi
  for file in "$dir"/*; do sha1sum "$file" | cut -d' ' -f1 >"$file.sha1"; done
}
lay com/camelprosa camel-prosa-stt-parent pom.xml
lay com/camelprosa prosa-stt-client prosa-stt-client/pom.xml "$client_jar"
lay com/camelprosa camel-prosa-stt camel-prosa-stt/pom.xml "$component_jar"

mvn -B ${MVN_ARGS:-} -f camel-prosa-stt/src/test/jbang/pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$work/launcher.classpath" >"$work/launcher-mvn.log" 2>&1 \
  || { echo "run-jbang: Camel JBang's jars did not resolve:" >&2; tail -30 "$work/launcher-mvn.log" >&2; exit 1; }

# The emulator on a free port of 127.0.0.1, with the sample's transcript script.
mkdir -p "$work/run/calls/in" "$work/run/kamelet-calls/in"
export PROSA_API_KEY="run-jbang-$RANDOM$RANDOM"
java -jar "$emulator_jar" --port 0 --api-key "$PROSA_API_KEY" --transcripts "$sample/call-center.transcript.json" \
  >"$work/emulator.log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT
url=
for _ in $(seq 1 300); do
  url=$(grep -o 'ws://[^ ]*' "$work/emulator.log" || true)
  [ -n "$url" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$url" ] || { echo "run-jbang: the emulator did not start:" >&2; cat "$work/emulator.log" >&2; exit 1; }

# The component page's YAML route as it stands, and the same through the kamelet the jar ships.
cd "$work/run"
awk '/tag::yaml-route\[\]/ { t = 1 } /end::yaml-route\[\]/ { t = 0 } t && /^----$/ { n++; next } t && n == 1' \
  "$root/camel-prosa-stt/src/main/docs/prosa-stt-component.adoc" >transcribe.camel.yaml
grep -q 'prosa-stt:general' transcribe.camel.yaml || { echo "run-jbang: no YAML route found in the adoc" >&2; exit 1; }
cat >transcribe-with-kamelet.camel.yaml <<'EOF'
- route:
    id: transcribe-calls-with-kamelet
    from:
      uri: file:kamelet-calls/in
      parameters:
        move: .done
        moveFailed: .error
      steps:
        - to: kamelet:prosa-stt-action
        - setHeader:
            name: CamelFileName
            simple: "${file:name.noext}.txt"
        - to: file:kamelet-calls/out
EOF
cat >application.properties <<EOF
camel.component.prosa-stt.api-key={{env:PROSA_API_KEY}}
camel.component.prosa-stt.url=$url
EOF
cp "$sample/call-center.wav" calls/in/
cp "$sample/call-center.wav" kamelet-calls/in/

status=0
timeout 150 java -Duser.home="$work/home" -cp "$(cat "$work/launcher.classpath")" \
  "$root/camel-prosa-stt/src/test/jbang/CamelLauncher.java" \
  run transcribe.camel.yaml transcribe-with-kamelet.camel.yaml --properties=application.properties \
  --dep="com.camelprosa:camel-prosa-stt:$version" --repos="file://$work/repo" \
  --max-messages=2 --max-seconds=120 >"$work/camel-run.log" 2>&1 || status=$?

expected=$(sed -e 's/^{"call-center.wav": \["//' -e 's/"\]}$//' -e 's/", "/ /g' "$sample/call-center.transcript.json")
failed=0
for out in calls/out/call-center.txt kamelet-calls/out/call-center.txt; do
  if [ "$(cat "$out" 2>/dev/null)" = "$expected" ]; then
    echo "run-jbang: $out is the emulator's script for the sample"
  else
    echo "run-jbang: $out is '$(cat "$out" 2>/dev/null || echo missing)', expected '$expected'" >&2
    failed=1
  fi
done
used=$work/home/.m2/repository/com/camelprosa/camel-prosa-stt/$version/camel-prosa-stt-$version.jar
if ! cmp -s "$used" "$component_jar"; then
  echo "run-jbang: camel run did not take this build's camel-prosa-stt jar (it has $used)" >&2
  failed=1
fi
if grep -qF "$PROSA_API_KEY" "$work/camel-run.log"; then
  echo "run-jbang: the API key is in camel run's output" >&2
  failed=1
fi
if [ "$failed" != 0 ] || [ "$status" != 0 ]; then
  echo "run-jbang: camel run exited $status; its output ($work/camel-run.log) ends with:" >&2
  tail -40 "$work/camel-run.log" >&2
  exit 1
fi
echo "run-jbang: $(grep -o 'Apache Camel (JBang) [0-9.]* is starting' "$work/camel-run.log" | head -1), --dep resolved from this build: ok"
