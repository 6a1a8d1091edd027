{{/*
Chart name, truncated to the 63 characters a DNS label allows.
*/}}
{{- define "ledgerflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Release-qualified name; the release name alone when it already contains the chart name.
Component suffixes (the longest is "-data-sharing-service", 21 characters) must fit, so 42.
*/}}
{{- define "ledgerflow.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 42 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 42 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 42 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Chart label value: name-version.
*/}}
{{- define "ledgerflow.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Name of one component's resources. Context: dict "root" $ "component" "calculation-service".
*/}}
{{- define "ledgerflow.componentName" -}}
{{- printf "%s-%s" (include "ledgerflow.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Standard labels of the release (no component).
*/}}
{{- define "ledgerflow.labels" -}}
helm.sh/chart: {{ include "ledgerflow.chart" . }}
app.kubernetes.io/name: {{ include "ledgerflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ledgerflow
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
Standard labels of one component. Context: dict "root" $ "component" "gateway".
*/}}
{{- define "ledgerflow.componentLabels" -}}
{{ include "ledgerflow.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
Selector labels of one component: name, instance and component only (immutable on upgrade).
*/}}
{{- define "ledgerflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ledgerflow.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
ServiceAccount the pods run as.
*/}}
{{- define "ledgerflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "ledgerflow.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Image reference of one component: [global.imageRegistry/]repository:tag, where the tag falls back to
global.imageTag and then to the chart's appVersion.
*/}}
{{- define "ledgerflow.image" -}}
{{- $values := index .root.Values .key -}}
{{- $tag := $values.image.tag | default .root.Values.global.imageTag | default .root.Chart.AppVersion -}}
{{- if .root.Values.global.imageRegistry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.global.imageRegistry) $values.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/*
In-cluster URL of a component's http Service, for the gateway's upstream variables.
*/}}
{{- define "ledgerflow.upstreamUrl" -}}
{{- $values := index .root.Values .key -}}
{{- printf "http://%s:%v" (include "ledgerflow.componentName" .) $values.service.port -}}
{{- end -}}

{{/*
KAFKA_SECURITY_PROTOCOL from kafka.tls.enabled and kafka.sasl.enabled.
*/}}
{{- define "ledgerflow.kafkaSecurityProtocol" -}}
{{- $k := .Values.kafka -}}
{{- if $k.sasl.enabled -}}{{ ternary "SASL_SSL" "SASL_PLAINTEXT" $k.tls.enabled }}{{- else -}}{{ ternary "SSL" "PLAINTEXT" $k.tls.enabled }}{{- end -}}
{{- end -}}

{{/*
How a service (or a Job of its image) reaches Kafka: bootstrap servers, TLS truststore and SASL credentials from
existing Secrets, client id and rack, the replication factor of the topics it creates. Context: root.
*/}}
{{- define "ledgerflow.kafkaEnv" -}}
{{- $k := .Values.kafka -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required" $k.bootstrapServers | quote }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ include "ledgerflow.kafkaSecurityProtocol" . | quote }}
{{- with $k.clientId }}
- name: KAFKA_CLIENT_ID
  value: {{ . | quote }}
{{- end }}
{{- with $k.rack }}
- name: KAFKA_CLIENT_RACK
  value: {{ . | quote }}
{{- end }}
{{- if and $k.tls.enabled $k.tls.existingSecret }}
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "/etc/ledgerflow/kafka/%s" $k.tls.truststoreKey | quote }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: {{ $k.tls.truststoreType | quote }}
{{- if $k.tls.truststorePasswordKey }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $k.tls.existingSecret }}
      key: {{ $k.tls.truststorePasswordKey }}
{{- end }}
{{- end }}
{{- if $k.sasl.enabled }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $k.sasl.mechanism | quote }}
- name: KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ required "kafka.sasl.existingSecret is required when kafka.sasl.enabled" $k.sasl.existingSecret }}
      key: {{ $k.sasl.usernameKey }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $k.sasl.existingSecret }}
      key: {{ $k.sasl.passwordKey }}
{{- end }}
- name: KAFKA_TOPIC_REPLICATION_FACTOR
  value: {{ $k.topics.replicationFactor | quote }}
{{- end -}}

{{/*
How a service (or its migration Job) reaches its own database. Context: dict "root" $ "key" "calculationService".
*/}}
{{- define "ledgerflow.databaseEnv" -}}
{{- $root := .root -}}
{{- $pg := $root.Values.postgresql -}}
{{- $db := (index $root.Values .key).database -}}
{{- if and (hasPrefix "verify-" $pg.sslmode) (not $pg.rootCert.existingSecret) -}}
{{- fail (printf "postgresql.sslmode %s checks the server's certificate: set postgresql.rootCert.existingSecret to the Secret holding its CA" $pg.sslmode) -}}
{{- end -}}
- name: DB_URL
  value: {{ required (printf "%s.database.url is required" .key) $db.url | quote }}
- name: DB_USER
  value: {{ required (printf "%s.database.user is required" .key) $db.user | quote }}
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "%s.database.existingSecret is required" .key) $db.existingSecret }}
      key: {{ $db.existingSecretPasswordKey }}
- name: DB_SSLMODE
  value: {{ $pg.sslmode | quote }}
{{- if $pg.rootCert.existingSecret }}
- name: DB_SSLROOTCERT
  value: {{ printf "/etc/ledgerflow/postgresql/%s" $pg.rootCert.key | quote }}
{{- end }}
- name: DB_POOL_SIZE
  value: {{ (int $db.poolSize) | default $pg.poolSize | quote }}
{{- end -}}

{{/*
Mounts of the Kafka truststore and the PostgreSQL root certificate (read-only, from their Secrets). Context: root.
*/}}
{{- define "ledgerflow.connectionVolumeMounts" -}}
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.existingSecret }}
- name: kafka-truststore
  mountPath: /etc/ledgerflow/kafka
  readOnly: true
{{- end }}
{{- if .Values.postgresql.rootCert.existingSecret }}
- name: postgresql-root-cert
  mountPath: /etc/ledgerflow/postgresql
  readOnly: true
{{- end }}
{{- end -}}

{{/*
Volumes behind ledgerflow.connectionVolumeMounts: only the one key of each Secret, readable by the pod's group.
*/}}
{{- define "ledgerflow.connectionVolumes" -}}
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.existingSecret }}
- name: kafka-truststore
  secret:
    secretName: {{ .Values.kafka.tls.existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ .Values.kafka.tls.truststoreKey }}
        path: {{ .Values.kafka.tls.truststoreKey }}
{{- end }}
{{- if .Values.postgresql.rootCert.existingSecret }}
- name: postgresql-root-cert
  secret:
    secretName: {{ .Values.postgresql.rootCert.existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ .Values.postgresql.rootCert.key }}
        path: {{ .Values.postgresql.rootCert.key }}
{{- end }}
{{- end -}}

{{/*
The command that runs one of LedgerflowOps' one-shot jobs in a service image built by Jib (root pom, profile
"images": app root /app). Context: the mode, "migrate" or "create-topics".
*/}}
{{- define "ledgerflow.opsCommand" -}}
- java
- -cp
- "@/app/jib-classpath-file"
- io.ledgerflow.eventlog.ops.LedgerflowOps
- {{ . }}
{{- end -}}
