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
